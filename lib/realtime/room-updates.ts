import { env } from "../env";
import { ROOMS, type ChatMessageView, type QuestionView } from "./contract";
import type { RoomServer } from "./io";
import { scheduleStatsBroadcast } from "./presence";
import { applyRoomUpdate, type RoomUpdate } from "./room-snapshot";

// Every change to the room goes out through here: to the sockets that may see
// it, and into the room snapshot of this process and (through the adapter's
// serverSideEmit) of every other process, so joiners everywhere get it.

function share(io: RoomServer, room: string, update: RoomUpdate) {
  applyRoomUpdate(room, update);
  if (env.REDIS_URL) io.serverSideEmit("room:update", room, update);
}

/** Other processes' changes, into this process's snapshots. */
export function receiveRoomUpdates(io: RoomServer) {
  io.on("room:update", (room, update) => applyRoomUpdate(room, update));
}

export function publishChat(io: RoomServer, message: ChatMessageView) {
  share(io, ROOMS.viewers, { type: "chat", message });
  io.to(ROOMS.viewers).emit("chat", message);
}

export function publishChatHidden(io: RoomServer, id: number, hiddenAt: Date) {
  share(io, ROOMS.viewers, { type: "chat:hidden", id, hiddenAt: hiddenAt.toISOString() });
  io.to(ROOMS.viewers).emit("chat:hidden", { id });
}

/** Who may see a question in each status: pending and rejected ones stay between the asker and the moderators. */
function audienceOf(question: QuestionView) {
  return question.status === "pending" || question.status === "rejected" ? [ROOMS.moderators, ROOMS.user(question.userId)] : [ROOMS.viewers];
}

export function publishQuestion(io: RoomServer, question: QuestionView, { isPendingCountChanged = false } = {}) {
  share(io, ROOMS.viewers, { type: "question", question });
  io.to(audienceOf(question)).emit("question", question);
  if (isPendingCountChanged) scheduleStatsBroadcast(io);
}
