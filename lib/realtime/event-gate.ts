import { chatClosedReason, isChatOpen, isQaOpen, isWatchTimeCounted, qaClosedReason } from "../events/event-rules";
import { findEventById, type EventRecord } from "../events/find-event";
import type { RoomSocket } from "./io";
import { RoomError } from "./room-error";

// What the event allows now, checked by the handlers before they write. The
// event comes from memory (lib/events/find-event.ts), so a chat message costs
// no extra query, and an organiser's change applies within this process at
// once and within the cache's freshness everywhere else.

/** The socket's event as it is now; archived since the socket joined: not found. */
export async function currentEvent(socket: RoomSocket): Promise<EventRecord> {
  const event = await findEventById(socket.data.eventId);
  if (!event || event.archivedAt) throw new RoomError("not_found", "This event is no longer available.");
  return event;
}

export async function requireChatOpen(socket: RoomSocket) {
  const event = await currentEvent(socket);
  if (!isChatOpen(event)) throw new RoomError("closed", chatClosedReason(event));
}

export async function requireQaOpen(socket: RoomSocket) {
  const event = await currentEvent(socket);
  if (!isQaOpen(event)) throw new RoomError("closed", qaClosedReason(event));
}

export async function requireLive(socket: RoomSocket) {
  const event = await currentEvent(socket);
  if (!isWatchTimeCounted(event)) throw new RoomError("closed", event.state === "ended" ? "This event has ended; watch time is no longer counted." : "Watch time counts from when the event goes live.");
}
