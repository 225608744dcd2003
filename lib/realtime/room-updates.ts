import { env } from "../env";
import { ROOMS, type ChatMessageView, type QuestionView } from "./contract";
import type { RoomServer } from "./io";
import { scheduleStatsBroadcast } from "./presence";
import { applyRoomUpdate, type RoomUpdate } from "./room-snapshot";

// Every change to the room goes out through here: to the sockets that may see
// it, and into the room snapshot of this process and (through the adapter's
// serverSideEmit) of every other process, so joiners everywhere get it.

function share(io: RoomServer, eventId: number, update: RoomUpdate) {
  applyRoomUpdate(eventId, update);
  if (env.REDIS_URL) io.serverSideEmit("room:update", eventId, update);
}

/** Other processes' changes, into this process's snapshots. */
export function receiveRoomUpdates(io: RoomServer) {
  io.on("room:update", (eventId, update) => applyRoomUpdate(eventId, update));
}

export function publishChat(io: RoomServer, eventId: number, message: ChatMessageView) {
  share(io, eventId, { type: "chat", message });
  io.to(ROOMS.viewers(eventId)).emit("chat", message);
}

export function publishChatHidden(io: RoomServer, eventId: number, id: number, hiddenAt: Date) {
  share(io, eventId, { type: "chat:hidden", id, hiddenAt: hiddenAt.toISOString() });
  io.to(ROOMS.viewers(eventId)).emit("chat:hidden", { id });
}

/** Who may see a question in each status: pending and rejected ones stay between the asker (in this event) and the event's moderators. */
function audienceOf(eventId: number, question: QuestionView) {
  return question.status === "pending" || question.status === "rejected" ? [ROOMS.moderators(eventId), ROOMS.attendee(eventId, question.userId)] : [ROOMS.viewers(eventId)];
}

export function publishQuestion(io: RoomServer, eventId: number, question: QuestionView, { isPendingCountChanged = false } = {}) {
  share(io, eventId, { type: "question", question });
  io.to(audienceOf(eventId, question)).emit("question", question);
  if (isPendingCountChanged) scheduleStatsBroadcast(io, eventId);
}
