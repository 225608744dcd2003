"use client";

import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type MouseEvent } from "react";
import { ClosedNote } from "@/components/live-room/closed-note";
import { useLiveRoom } from "@/components/live-room/live-room-provider";
import { MOVED_MESSAGE, useSettledClicks } from "@/components/live-room/use-settled-clicks";
import buttonStyles from "@/components/ui/button.module.css";
import { ClockTime } from "@/components/ui/clock-time";
import { chatClosedReason, isChatOpen } from "@/lib/events/event-rules";
import { MAX_TEXT_LENGTH, roomTextSchema } from "@/lib/validation/realtime";
import styles from "./chat-panel.module.css";

const OUTBOX_LABELS = { waiting: "Waiting for connection…", sending: "Sending…", retrying: "Will resend by itself…", failed: "Not sent" } as const;

/**
 * Live chat: newest at the bottom, follows new messages unless the reader has
 * scrolled up, Enter sends. Moderators get a Hide button on every message.
 * Text is always rendered as text (React escapes it), never as HTML.
 */
export function ChatPanel({ canHide = false, emptyText = "No messages yet. Say hello!" }: { canHide?: boolean; emptyText?: string }) {
  const { event, view, outbox, sendChat, retryChat, discardChat, request } = useLiveRoom();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isFollowing, setIsFollowing] = useState(true);
  // A mouse resting on the log pauses following, so messages stay put under the pointer
  // (a Hide click lands where it was aimed); the log catches up when the pointer leaves.
  const [pausedAt, setPausedAt] = useState<string | null>(null);
  const [hideError, setHideError] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const count = view.chat.length + outbox.length;
  // Follows the newest message (the count stops changing once the kept history is full).
  const newestKey = `${view.chat.at(-1)?.id ?? 0}:${outbox.length}`;

  function onScroll() {
    const log = logRef.current;
    if (log) setIsFollowing(log.scrollHeight - log.scrollTop - log.clientHeight < 48);
  }

  function scrollToLatest() {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
    setIsFollowing(true);
  }

  useLayoutEffect(() => {
    if (isFollowing && pausedAt === null) logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [newestKey, isFollowing, pausedAt]);

  useEffect(() => {
    if (view.isReady) logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [view.isReady]);

  // After the scrolling above, so a message the log has just scrolled under the pointer counts as moved.
  // Only messages with a Hide button carry a settle key, so viewers' pages measure nothing.
  const isMisaimed = useSettledClicks(logRef, "chat");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = roomTextSchema.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    setError(null);
    sendChat(parsed.data);
    setDraft("");
    scrollToLatest();
  }

  async function hide(id: number, event: MouseEvent<HTMLButtonElement>) {
    // New messages scroll the log: a click on one that has just moved was meant for its neighbour.
    if (isMisaimed(event, `chat:${id}`)) return setHideError(MOVED_MESSAGE);
    const response = await request("hide", { id });
    setHideError(response.ok ? null : response.message);
  }

  const remaining = MAX_TEXT_LENGTH - [...draft].length;
  return (
    <section className={styles.panel} aria-label="Chat">
      {!view.isReady ? (
        <p className={styles.empty}>Loading chat…</p>
      ) : count === 0 ? (
        <p className={styles.empty}>{isChatOpen(event) ? emptyText : "No chat messages."}</p>
      ) : null}
      <div
        ref={logRef}
        className={styles.log}
        role="log"
        aria-label="Chat messages"
        onScroll={onScroll}
        onPointerEnter={(event) => event.pointerType === "mouse" && setPausedAt(newestKey)}
        onPointerLeave={() => setPausedAt(null)}
        data-testid="chat-log"
        tabIndex={0}
      >
        <ol className={styles.messages}>
          {view.chat.map((message) => (
            <li key={message.id} className={`${styles.message} ${message.userId === view.me?.id ? styles.mine : ""}`} data-testid="chat-message" data-message-id={message.id} data-settle-key={canHide ? `chat:${message.id}` : undefined}>
              <p className={styles.meta}>
                <span className={styles.author}>{message.userName}</span>
                <ClockTime iso={message.createdAt} className={styles.time} />
              </p>
              <p className={styles.text}>{message.text}</p>
              {canHide && (
                <button type="button" className={styles.hide} onClick={(event) => hide(message.id, event)} aria-label={`Hide message from ${message.userName}`}>
                  Hide
                </button>
              )}
            </li>
          ))}
          {outbox.map((item) => (
            <li key={item.localId} className={`${styles.message} ${styles.mine} ${styles[item.status]}`} data-testid="chat-outgoing">
              <p className={styles.meta}>
                <span className={styles.author}>You</span>
                <span className={styles.state}>{OUTBOX_LABELS[item.status]}</span>
              </p>
              <p className={styles.text}>{item.text}</p>
              {item.status === "retrying" && item.error && (
                <p className={styles.state} role="status">
                  {item.error}
                </p>
              )}
              {item.status === "failed" && (
                <div className={styles.failure}>
                  <span role="alert">{item.error}</span>
                  <button type="button" className={styles.link} onClick={() => retryChat(item.localId)}>
                    Retry
                  </button>
                  <button type="button" className={styles.link} onClick={() => discardChat(item.localId)}>
                    Discard
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      </div>
      {!isFollowing && (
        <button type="button" className={styles.jump} onClick={scrollToLatest}>
          Jump to latest ↓
        </button>
      )}
      {isFollowing && pausedAt !== null && pausedAt !== newestKey && (
        <p className={styles.paused} role="status">
          Paused while your pointer is on the chat · new messages below
        </p>
      )}
      {hideError && (
        <p className={styles.error} role="alert">
          {hideError}
        </p>
      )}
      {isChatOpen(event) ? (
        <form className={styles.composer} onSubmit={submit} noValidate>
          <label htmlFor="chat-draft" className="visually-hidden">
            Message
          </label>
          <input
            id="chat-draft"
            className={styles.input}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder="Write a message…"
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby="chat-draft-help"
          />
          <button type="submit" className={buttonStyles.button}>
            Send
          </button>
          <p id="chat-draft-help" className={error ? styles.error : styles.help} role={error ? "alert" : undefined}>
            {error ??
              (view.connection === "connected"
                ? remaining < 50
                  ? `${remaining} characters left`
                  : "Enter sends."
                : "You are offline: messages you send now go out when the connection is back.")}
          </p>
        </form>
      ) : (
        <ClosedNote testId="chat-closed">{chatClosedReason(event)}</ClosedNote>
      )}
    </section>
  );
}
