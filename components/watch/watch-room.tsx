"use client";

import { LiveRoomProvider } from "@/components/live-room/live-room-provider";
import type { EventInfo } from "@/lib/events/event-rules";
import { EventStage } from "./event-stage";
import { WatchSidebar } from "./watch-sidebar";
import styles from "./watch-room.module.css";

/** The attendee's page body: the stage and the chat and Q&A, on one live connection that also sends the heartbeat. */
export function WatchRoom({ event, viewerName }: { event: EventInfo; viewerName: string }) {
  return (
    <LiveRoomProvider event={event} surface="watch">
      <main className={styles.layout}>
        <EventStage viewerName={viewerName} />
        <WatchSidebar />
      </main>
    </LiveRoomProvider>
  );
}
