"use client";

import { useActionState, useState } from "react";
import { archiveEvent } from "@/app/(staff)/events/[id]/archive-event.action";
import buttonStyles from "@/components/ui/button.module.css";
import type { EventActionState } from "@/lib/events/organiser-messages";
import type { EventState } from "@/lib/generated/prisma/enums";
import styles from "./event-controls.module.css";

/** "Archive…", then a confirmation that says what archiving does (and what it keeps). */
export function ArchiveEventButton({ event }: { event: { id: number; title: string; state: EventState; registrations: number } }) {
  const [state, formAction, isPending] = useActionState<EventActionState, FormData>(archiveEvent, {});
  const [isConfirming, setIsConfirming] = useState(false);
  if (!isConfirming) {
    return (
      <button type="button" className={`${buttonStyles.secondary} ${styles.actionButton}`} onClick={() => setIsConfirming(true)}>
        Archive…
      </button>
    );
  }
  return (
    <form action={formAction} className={styles.confirm} role="group" aria-labelledby="archive-question">
      <input type="hidden" name="eventId" value={event.id} />
      <p id="archive-question" className={styles.confirmQuestion}>
        Archive “{event.title}”?
      </p>
      <p className={styles.confirmText}>
        It leaves every list and its attendee link stops working. Its {event.registrations === 1 ? "registration" : `${event.registrations} registrations`}, chat, questions and reports are kept.
        {event.state === "live" && " It is live now: people watching lose the page."}
      </p>
      {state.message && (
        <p role="alert" className={styles.actionError}>
          {state.message}
        </p>
      )}
      <div className={styles.confirmButtons}>
        <button type="submit" className={`${buttonStyles.button} ${styles.danger} ${styles.actionButton}`} disabled={isPending}>
          {isPending ? "Archiving…" : "Archive event"}
        </button>
        <button type="button" className={`${buttonStyles.secondary} ${styles.actionButton}`} onClick={() => setIsConfirming(false)} disabled={isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
