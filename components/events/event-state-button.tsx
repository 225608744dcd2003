import { changeEventState } from "@/app/(staff)/events/change-event-state.action";
import type { EventState } from "@/lib/generated/prisma/enums";
import { EventActionButton } from "./event-action-button";
import styles from "./event-controls.module.css";

/** Go live (scheduled) or End event (live); an ended event has no next state. */
export function EventStateButton({ event, from }: { event: { id: number; title: string; state: EventState }; from: "list" | "event" }) {
  if (event.state === "ended") return <span className={styles.quiet}>Ended</span>;
  const isLive = event.state === "live";
  return (
    <EventActionButton
      action={changeEventState}
      eventId={event.id}
      fields={{ to: isLive ? "ended" : "live", from }}
      label={isLive ? "End event" : "Go live"}
      pendingLabel={isLive ? "Ending…" : "Going live…"}
      tone={isLive ? "danger" : "primary"}
      ariaLabel={from === "list" ? `${isLive ? "End" : "Go live with"} ${event.title}` : undefined}
    />
  );
}
