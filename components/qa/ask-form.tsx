"use client";

import { useState, type FormEvent } from "react";
import { ClosedNote } from "@/components/live-room/closed-note";
import { useLiveRoom } from "@/components/live-room/live-room-provider";
import buttonStyles from "@/components/ui/button.module.css";
import { isQaOpen, qaClosedReason } from "@/lib/events/event-rules";
import { MAX_TEXT_LENGTH, roomTextSchema } from "@/lib/validation/realtime";
import styles from "./qa.module.css";

/** Ask the speaker a question; it waits for a moderator before anyone else sees it. */
export function AskForm() {
  const { event, view, request } = useLiveRoom();
  const [draft, setDraft] = useState("");
  const [feedback, setFeedback] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [isSending, setIsSending] = useState(false);
  const isOnline = view.connection === "connected";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = roomTextSchema.safeParse(draft);
    if (!parsed.success) return setFeedback({ tone: "error", text: parsed.error.issues[0].message });
    setIsSending(true);
    const response = await request("ask", { text: parsed.data });
    setIsSending(false);
    if (!response.ok) return setFeedback({ tone: "error", text: response.message });
    setDraft("");
    setFeedback({ tone: "success", text: "Thanks! A moderator will review your question before it is shown." });
  }

  if (!isQaOpen(event)) return <ClosedNote testId="qa-closed">{qaClosedReason(event)}</ClosedNote>;
  return (
    <form className={styles.ask} onSubmit={submit} noValidate>
      <label htmlFor="question-draft" className={styles.askLabel}>
        Ask the speaker
      </label>
      <textarea
        id="question-draft"
        className={styles.textarea}
        rows={3}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        aria-invalid={feedback?.tone === "error" ? true : undefined}
        aria-describedby="question-draft-help"
        placeholder="Type your question…"
      />
      <div className={styles.askFooter}>
        <p id="question-draft-help" className={feedback ? styles[feedback.tone] : styles.help} role={feedback ? (feedback.tone === "error" ? "alert" : "status") : undefined}>
          {feedback?.text ?? (isOnline ? `Up to ${MAX_TEXT_LENGTH} characters.` : "Offline: your question stays here until the connection is back.")}
        </p>
        <button type="submit" className={buttonStyles.button} disabled={isSending || !isOnline}>
          {isSending ? "Sending…" : "Ask"}
        </button>
      </div>
    </form>
  );
}
