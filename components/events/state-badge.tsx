import type { EventState } from "@/lib/generated/prisma/enums";
import styles from "./event-controls.module.css";

const WORDS: Record<EventState, string> = { scheduled: "Scheduled", live: "Live", ended: "Ended" };

/** The event's state in words (a dot helps the eye; the word carries the meaning). */
export function StateBadge({ state }: { state: EventState }) {
  return (
    <span className={`${styles.badge} ${styles[state]}`} data-testid="event-state">
      <span className={styles.dot} aria-hidden="true" />
      {WORDS[state]}
    </span>
  );
}

export function FeaturedBadge() {
  return <span className={`${styles.badge} ${styles.featured}`}>On the home page</span>;
}
