import type { EventState } from "@/lib/generated/prisma/enums";
import styles from "./state-badge.module.css";

// An event's state in a word, the same pill on every page that shows one
// (the colour and the dot only repeat the word). Attendees read "Upcoming";
// organisers, whose button says "Go live", read "Scheduled".

const STAFF_WORDS: Record<EventState, string> = { scheduled: "Scheduled", live: "Live", ended: "Ended" };
const ATTENDEE_WORDS: Record<EventState, string> = { ...STAFF_WORDS, scheduled: "Upcoming" };

/** Archived wins over the state: it is all an archived event is now. */
export function StateBadge({ state, isArchived = false, isForAttendees = false }: { state: EventState; isArchived?: boolean; isForAttendees?: boolean }) {
  const shown = isArchived ? "archived" : state;
  return (
    <span className={`${styles.badge} ${styles[shown]}`} data-testid="event-state">
      {shown === "live" && <span className={styles.dot} aria-hidden="true" />}
      {isArchived ? "Archived" : (isForAttendees ? ATTENDEE_WORDS : STAFF_WORDS)[state]}
    </span>
  );
}

export function FeaturedBadge() {
  return <span className={`${styles.badge} ${styles.featured}`}>On the home page</span>;
}
