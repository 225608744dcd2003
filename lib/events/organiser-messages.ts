import type { EventState } from "../generated/prisma/enums";

// What /events tells an organiser when an action cannot do what they asked.

export const NOT_NOW = "That didn't work just now. Please try again in a moment.";
export const NOT_FOUND = "This event no longer exists or was archived. Go back to the list of events.";
export const SLUG_TAKEN = "Another event already uses this link name. Choose another one.";
export const SLUG_LOCKED = "People have registered with this link, so it can't change any more.";

const STATE_WORDS: Record<EventState, string> = { scheduled: "hasn't started yet", live: "is already live", ended: "has already ended" };

/** Go live or End event when the event is not in the state before it (another organiser was quicker, or a stale page). */
export function stateRefusal(current: EventState): string {
  return `This event ${STATE_WORDS[current]}, so that can't be done now. The page shows its state as it is now.`;
}

/** What the one-button actions (Go live, End event, Feature, Duplicate, Archive) answer when they cannot act; on success they redirect. */
export type EventActionState = { message?: string };
