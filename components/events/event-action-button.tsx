"use client";

import { useActionState } from "react";
import buttonStyles from "@/components/ui/button.module.css";
import type { EventActionState } from "@/lib/events/organiser-messages";
import styles from "./event-controls.module.css";

type EventAction = (previous: EventActionState, formData: FormData) => Promise<EventActionState>;

/**
 * One of an event's buttons (Go live, End event, Feature, Duplicate, Archive) as a form of its own:
 * it works before the page's JavaScript has loaded, and the action's refusal shows beside it.
 */
export function EventActionButton({
  action,
  eventId,
  label,
  pendingLabel,
  fields = {},
  tone = "secondary",
  ariaLabel,
}: {
  action: EventAction;
  eventId: number;
  label: string;
  pendingLabel: string;
  fields?: Record<string, string>;
  tone?: "primary" | "secondary" | "danger";
  ariaLabel?: string;
}) {
  const [state, formAction, isPending] = useActionState<EventActionState, FormData>(action, {});
  const toneClass = tone === "primary" ? buttonStyles.button : tone === "danger" ? `${buttonStyles.button} ${styles.danger}` : buttonStyles.secondary;
  return (
    <form action={formAction} className={styles.actionForm}>
      <input type="hidden" name="eventId" value={eventId} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`${toneClass} ${styles.actionButton}`} disabled={isPending} aria-label={ariaLabel}>
        {isPending ? pendingLabel : label}
      </button>
      {state.message && (
        <p role="alert" className={styles.actionError}>
          {state.message}
        </p>
      )}
    </form>
  );
}
