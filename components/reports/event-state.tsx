import type { EventState } from "@/lib/generated/prisma/enums";
import styles from "./reports.module.css";

const LABELS: Record<EventState, string> = { scheduled: "Scheduled", live: "Live", ended: "Ended" };

/** An event's state in words (the colour only repeats them); archived wins, since it is all an archived event is now. */
export function EventStateBadge({ state, isArchived = false }: { state: EventState; isArchived?: boolean }) {
  const shown = isArchived ? "archived" : state;
  return (
    <span className={styles.state} data-state={shown}>
      {isArchived ? "Archived" : LABELS[state]}
    </span>
  );
}
