import { listRecentChat, listRecentlyHidden, RESYNC_REORDER_MS } from "../chat/list-recent-chat";
import { listOpenQuestions } from "../questions/list-questions";
import { env } from "../env";
import { isBehind } from "../questions/question-order";
import { CHAT_HISTORY_SIZE, type ChatMessageView, type QuestionView } from "./contract";

// The shared part of every joiner's `state`, per event, in memory: the latest
// chat, the questions that are not rejected, and recent hides. It is loaded
// once (three queries) and then kept current by the same code that
// broadcasts each change (room-updates.ts), in this process and, through the
// Socket.IO adapter, in every other. Joining costs no query for it, and its
// JSON is made once per change, not once per joiner.

/** Kept beyond the 100 a joiner gets, so hiding a few messages does not leave a short history. */
const CHAT_KEPT = 2 * CHAT_HISTORY_SIZE;
/** Hides remembered, so a client reconnecting within this long resyncs from memory. */
export const HIDES_KEPT_MS = 10 * 60_000;

export type RoomUpdate =
  | { type: "chat"; message: ChatMessageView }
  | { type: "chat:hidden"; id: number; hiddenAt: string }
  | { type: "question"; question: QuestionView };

export type Snapshot = {
  /** Visible messages, oldest first; every visible message with an id above `chatFloorId` is here. */
  chat: ChatMessageView[];
  chatFloorId: number;
  /** Questions by id: those loaded (pending, approved, answered) and any changed since, rejected ones too. */
  questions: Map<number, QuestionView>;
  /** Hides at or after `hidesSince` (ms), oldest first. */
  hides: { id: number; at: number }[];
  hidesSince: number;
  /** The JSON of the latest 100 messages and of the public questions, made on first use after a change. */
  json: { chat: string | null; questions: string | null };
};

type Room = { snapshot: Snapshot | null; loadedAt: number; loading: Promise<Snapshot> | null; early: RoomUpdate[] };
/** By event id: the events this process has sockets in (attach-realtime.ts drops the ones nobody is in any more). */
const rooms = new Map<number, Room>();

const roomFor = (eventId: number): Room => rooms.get(eventId) ?? rooms.set(eventId, { snapshot: null, loadedAt: 0, loading: null, early: [] }).get(eventId)!;

/**
 * With several processes, a change reaches the others' snapshots through the
 * adapter's pub/sub, which can drop a message (a reconnect, a slow
 * subscriber). So a snapshot this old is reloaded in the background, while
 * the old one keeps serving: any drift heals within this time.
 */
const RELOAD_AFTER_MS = 60_000;

async function load(eventId: number): Promise<Snapshot> {
  const loadedAt = Date.now();
  const [chat, questions, hides] = await Promise.all([
    listRecentChat(eventId, CHAT_KEPT),
    listOpenQuestions(eventId),
    listRecentlyHidden(eventId, new Date(loadedAt - HIDES_KEPT_MS)),
  ]);
  return {
    chat,
    // Fewer rows than asked for means there is nothing older to miss.
    chatFloorId: chat.length < CHAT_KEPT ? 0 : chat[0].id - 1,
    questions: new Map(questions.map((question) => [question.id, question])),
    hides: hides.map(({ id, hiddenAt }) => ({ id, at: Date.parse(hiddenAt) })),
    hidesSince: loadedAt - HIDES_KEPT_MS,
    json: { chat: null, questions: null },
  };
}

function startLoading(eventId: number, room: Room): Promise<Snapshot> {
  room.loading ??= load(eventId).then(
    (snapshot) => {
      // Changes broadcast while the queries ran may or may not be in their results; applying them again is harmless.
      for (const update of room.early.splice(0)) apply(snapshot, update);
      Object.assign(room, { snapshot, loadedAt: Date.now(), loading: null });
      return snapshot;
    },
    (error) => {
      room.loading = null;
      throw error;
    },
  );
  return room.loading;
}

/** An event's snapshot, loading it (once, however many join at the same moment) when needed. */
export async function getSnapshot(eventId: number): Promise<Snapshot> {
  const room = roomFor(eventId);
  if (!room.snapshot) return startLoading(eventId, room);
  if (env.REDIS_URL && Date.now() - room.loadedAt > RELOAD_AFTER_MS) startLoading(eventId, room).catch((error) => console.error("Reloading the room failed; the old snapshot serves on:", error));
  return room.snapshot;
}

/** Applies a change broadcast in an event's room (by this process or another). An event not loaded here has nothing to update. */
export function applyRoomUpdate(eventId: number, update: RoomUpdate) {
  const room = rooms.get(eventId);
  if (room?.snapshot) apply(room.snapshot, update);
  if (room?.loading) room.early.push(update);
}

/** Forgets the snapshots of events this process no longer has sockets in; the next joiner loads them again. */
export function dropSnapshots(isInUse: (eventId: number) => boolean) {
  for (const [eventId, room] of rooms) if (!room.loading && !isInUse(eventId)) rooms.delete(eventId);
}

/** After an outage of the link between processes some changes may be lost: every room reloads on its next use, serving the old snapshot meanwhile. */
export function markSnapshotsStale() {
  for (const room of rooms.values()) room.loadedAt = 0;
}

function apply(snapshot: Snapshot, update: RoomUpdate) {
  switch (update.type) {
    case "chat": {
      snapshot.json.chat = null;
      const { message } = update;
      if (message.id <= snapshot.chatFloorId) return;
      // Nearly always the newest: appended. One from another process may arrive after a later one: put in its place.
      const after = snapshot.chat.findLastIndex((held) => held.id <= message.id);
      if (snapshot.chat[after]?.id === message.id) return;
      snapshot.chat.splice(after + 1, 0, message);
      if (snapshot.chat.length > CHAT_KEPT) snapshot.chatFloorId = snapshot.chat.shift()!.id;
      return;
    }
    case "chat:hidden": {
      snapshot.json.chat = null;
      snapshot.chat = snapshot.chat.filter((message) => message.id !== update.id);
      snapshot.hides.push({ id: update.id, at: Date.parse(update.hiddenAt) });
      const keptSince = Date.now() - HIDES_KEPT_MS;
      if (snapshot.hides[0].at < keptSince) {
        snapshot.hides = snapshot.hides.filter((hide) => hide.at >= keptSince);
        snapshot.hidesSince = keptSince;
      }
      return;
    }
    case "question": {
      const { question } = update;
      // Updates from two processes can arrive out of order; a question never moves back (answered stays answered).
      const held = snapshot.questions.get(question.id);
      if (held && isBehind(question, held)) return;
      snapshot.json.questions = null;
      // Rejected ones are kept (they show nowhere), so a late "pending" cannot bring one back.
      snapshot.questions.set(question.id, question);
    }
  }
}

/** A joiner's `state.chat`, as JSON: the latest 100 visible messages, oldest first. */
export function recentChatJson(snapshot: Snapshot): string {
  return (snapshot.json.chat ??= JSON.stringify(snapshot.chat.slice(-CHAT_HISTORY_SIZE)));
}

/** A joiner's `state.questions`, as JSON: approved and answered, oldest first. */
export function publicQuestionsJson(snapshot: Snapshot): string {
  return (snapshot.json.questions ??= JSON.stringify(questionsWith(snapshot, isPublic)));
}

const isPublic = (question: QuestionView) => question.status === "approved" || question.status === "answered";
const isPending = (question: QuestionView) => question.status === "pending";
const questionsWith = (snapshot: Snapshot, test: (question: QuestionView) => boolean) => [...snapshot.questions.values()].filter(test).sort((a, b) => a.id - b.id);

export const pendingQuestions = (snapshot: Snapshot) => questionsWith(snapshot, isPending);
export const countPending = (snapshot: Snapshot) => [...snapshot.questions.values()].filter(isPending).length;

export type ChatMissed = { chat: ChatMessageView[]; chatAfter: number; hiddenChatIds: number[] };

/**
 * What a reconnecting client missed, from memory when memory reaches back far
 * enough: every visible message after `chatAfter` (a little before
 * `lastChatId`: RESYNC_REORDER_MS in lib/chat/list-recent-chat.ts) and the ids hidden since `since`. Null
 * when the database must answer instead.
 */
export function chatMissedSince(snapshot: Snapshot, lastChatId: number, since: Date): ChatMissed | null {
  if (lastChatId < snapshot.chatFloorId || since.getTime() < snapshot.hidesSince) return null;
  const last = snapshot.chat.findLastIndex((message) => message.id <= lastChatId);
  let first = last + 1;
  if (last >= 0) {
    const from = Date.parse(snapshot.chat[last].createdAt) - RESYNC_REORDER_MS;
    while (first > 0 && Date.parse(snapshot.chat[first - 1].createdAt) >= from) first--;
  }
  return {
    chat: snapshot.chat.slice(first),
    chatAfter: last < 0 ? lastChatId : first > 0 ? snapshot.chat[first - 1].id : snapshot.chatFloorId,
    hiddenChatIds: snapshot.hides.filter((hide) => hide.at >= since.getTime()).map((hide) => hide.id),
  };
}
