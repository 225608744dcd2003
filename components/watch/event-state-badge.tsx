import type { EventState } from "@/lib/generated/prisma/enums";
import styles from "./event-state-badge.module.css";

const LABELS: Record<EventState, string> = { scheduled: "Upcoming", live: "Live", ended: "Ended" };

/** The event's state in a word; a word, not only a colour. */
export function EventStateBadge({ state }: { state: EventState }) {
  return (
    <span className={`${styles.badge} ${styles[state]}`} data-testid="event-state">
      {state === "live" && <span className={styles.dot} aria-hidden="true" />}
      {LABELS[state]}
    </span>
  );
}
