import type { EventState } from "../generated/prisma/enums";

// What each state of an event allows. Pure rules, used by the socket handlers
// (which refuse), the pages (which hide) and the tests.

/** The public face of an event: what attendees' pages and sockets are told (RoomState.event and the `event` message). */
export type EventInfo = {
  id: number;
  slug: string;
  title: string;
  description: string;
  /** The stream to embed: the event's own, or the server's STREAM_URL when it has none. */
  streamUrl: string;
  /** ISO times. */
  startsAt: string;
  endsAt: string | null;
  state: EventState;
  isChatOn: boolean;
  isQaOn: boolean;
};

/** Chat can be written while chat is on and the event has not ended; after the end it stays readable. */
export function isChatOpen(event: Pick<EventInfo, "state" | "isChatOn">): boolean {
  return event.isChatOn && event.state !== "ended";
}

/** Questions can be asked and voted on while Q&A is on and the event has not ended. */
export function isQaOpen(event: Pick<EventInfo, "state" | "isQaOn">): boolean {
  return event.isQaOn && event.state !== "ended";
}

/** Watch time counts only while the event is live: a countdown is not a talk. */
export function isWatchTimeCounted(event: Pick<EventInfo, "state">): boolean {
  return event.state === "live";
}

/** Why chat is closed, in words for the person who tried. */
export function chatClosedReason(event: Pick<EventInfo, "state" | "isChatOn">): string {
  return event.state === "ended" ? "This event has ended; its chat is read-only." : "Chat is switched off for this event.";
}

export function qaClosedReason(event: Pick<EventInfo, "state" | "isQaOn">): string {
  return event.state === "ended" ? "This event has ended; Q&A is closed." : "Q&A is switched off for this event.";
}
