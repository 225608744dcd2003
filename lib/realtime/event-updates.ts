import { env } from "../env";
import { forgetEvent, remember, toEventInfo, type EventRecord } from "../events/find-event";
import { ROOMS } from "./contract";
import { getIo, type RoomServer } from "./io";

// An organiser's change to an event (Go live, End, an edit, chat or Q&A
// switched) reaches every open page of it at once: the `event` message goes
// to the event's room in every process (through the adapter), and every
// process's memory of the event is replaced, so its handlers apply the new
// rules to the next chat, question or heartbeat.

/** After an event changed in the database: remembered here, forgotten (so re-read) in every other process, told to its room. */
export function publishEventChange(record: EventRecord) {
  remember(record);
  const io = getIo();
  if (!io) return;
  if (env.REDIS_URL) io.serverSideEmit("event:update", record.id);
  // Archived: its link stops working, so its open pages are closed, in every process. Their
  // reconnect is refused `not_found` and takes them to the event's page, which is gone.
  if (record.archivedAt) io.in(ROOMS.viewers(record.id)).disconnectSockets(true);
  else io.to(ROOMS.viewers(record.id)).emit("event", toEventInfo(record));
}

/** Other processes' changes: what this process knew of the event is read again on its next use. */
export function receiveEventUpdates(io: RoomServer) {
  io.on("event:update", (eventId) => forgetEvent(eventId));
}
