"use client";

import { useEffect, useState } from "react";
import { Countdown } from "@/components/events/countdown";
import { useLiveRoom } from "@/components/live-room/live-room-provider";
import { streamOrigin } from "@/lib/events/stream-origin";
import type { EventInfo } from "@/lib/realtime/contract";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { StateBadge } from "@/components/events/state-badge";
import styles from "./event-stage.module.css";

/**
 * The stage of /watch, following the event live: before the start a countdown
 * (no stream), while live the stream, after the end a clear "ended". The
 * organiser's Go live and End reach it through the live room, without a reload.
 */
export function EventStage({ viewerName }: { viewerName: string }) {
  const { event } = useLiveRoom();
  const isStreamAllowed = useFreshPageForNewStreamOrigin(event.streamUrl, event.state !== "ended");
  return (
    <section className={styles.stage} aria-labelledby="stage-title" data-state={event.state}>
      {event.state === "live" && isStreamAllowed ? (
        <iframe className={styles.screen} src={event.streamUrl} title="Live stream" allow="autoplay; fullscreen; picture-in-picture" allowFullScreen />
      ) : (
        <div className={`${styles.screen} ${styles.placeholder}`} data-testid="stage-placeholder">
          {event.state === "live" ? (
            <p className={styles.when}>Loading the stream…</p>
          ) : event.state === "scheduled" ? (
            <>
              <Countdown iso={event.startsAt} />
              <p className={styles.when}>
                <LocalDateTime iso={event.startsAt} />
              </p>
            </>
          ) : (
            <>
              <p className={styles.ended}>This event has ended</p>
              <p className={styles.when}>Thank you for watching.{event.isChatOn ? " The chat stays readable; questions are closed." : event.isQaOn ? " Questions are closed." : ""}</p>
            </>
          )}
        </div>
      )}
      <div className={styles.heading}>
        <h1 id="stage-title" className={styles.title}>
          {event.title}
        </h1>
        <StateBadge state={event.state} isForAttendees />
      </div>
      {event.description && <p className={styles.description}>{event.description}</p>}
      <p className={styles.lead}>
        Welcome, {viewerName}. {leadFor(event)}
      </p>
    </section>
  );
}

function leadFor(event: EventInfo): string {
  if (event.state === "scheduled") return "The stream starts here when the organiser goes live; this page switches by itself.";
  if (event.state === "ended") return "Thanks for joining.";
  if (event.isChatOn && event.isQaOn) return "Chat with other attendees and ask the speaker questions. Moderators review questions before they appear.";
  if (event.isChatOn) return "Chat with other attendees while you watch.";
  if (event.isQaOn) return "Ask the speaker questions. Moderators review questions before they appear.";
  return "Enjoy the talk.";
}

/**
 * The page's Content-Security-Policy (frame-src) allows the origin of the stream it was loaded
 * with. When the organiser moves the event to a stream on another origin, the browser would block
 * it, so the page loads again, once per new stream, with a policy that allows it.
 */
function useFreshPageForNewStreamOrigin(streamUrl: string, isNeeded: boolean): boolean {
  const [loadedWith] = useState(streamUrl);
  const isSameOrigin = streamOrigin(streamUrl) === streamOrigin(loadedWith);
  const key = `podium:reloaded-for-stream:${streamUrl}`;
  useEffect(() => {
    if (!isNeeded || isSameOrigin || window.sessionStorage.getItem(key)) return;
    window.sessionStorage.setItem(key, "1");
    window.location.reload();
  }, [isNeeded, isSameOrigin, key]);
  // Already loaded again once for this stream and still another origin: show it anyway (the policy decides).
  return isSameOrigin || (typeof window !== "undefined" && window.sessionStorage.getItem(key) !== null);
}
