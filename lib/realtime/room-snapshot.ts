import { listChatAfterSeq, listChatBetweenSeqs, readLastChatSeq } from "../chat/list-chat-after-seq";
import { listRecentChat, listRecentlyHidden, RESYNC_REORDER_MS } from "../chat/list-recent-chat";
import { listOpenQuestions } from "../questions/list-questions";
import { env } from "../env";
import { isBehind } from "../questions/question-order";
import { CHAT_HISTORY_SIZE, type ChatMessageView, type ChatRange, type QuestionView } from "./contract";

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
  /** Visible messages in seq order, oldest first. */
  chat: ChatMessageView[];
  /** Every visible message with an id above `chatFloorId` (the legacy resync's measure) or a seq above `chatFloorSeq` and up to `chatSeq` is here. */
  chatFloorId: number;
  chatFloorSeq: number;
  /** Complete up to this seq; a message held above it with one below it missing is a gap, filled from the database. */
  chatSeq: number;
  /** Questions by id: those loaded (pending, approved, answered) and any changed since, rejected ones too. */
  questions: Map<number, QuestionView>;
  /** Hides at or after `hidesSince` (ms), oldest first. */
  hides: { id: number; at: number }[];
  hidesSince: number;
  /** The JSON of the latest 100 messages and of the public questions, made on first use after a change. */
  json: { chat: string | null; questions: string | null };
};

type Room = {
  snapshot: Snapshot | null;
  loadedAt: number;
  loading: Promise<Snapshot> | null;
  early: RoomUpdate[];
  /** Chat catch-up (below): the one running, the one waiting on a gap, and failures in a row for its backoff. */
  catchingUp: Promise<void> | null;
  gapTimer: NodeJS.Timeout | null;
  catchUpFailures: number;
};
/** By event id: the events this process has sockets in (attach-realtime.ts drops the ones nobody is in any more). */
const rooms = new Map<number, Room>();

const roomFor = (eventId: number): Room => rooms.get(eventId) ?? rooms.set(eventId, { snapshot: null, loadedAt: 0, loading: null, early: [], catchingUp: null, gapTimer: null, catchUpFailures: 0 }).get(eventId)!;

/**
 * With several processes, a change reaches the others' snapshots through the
 * adapter's pub/sub, which can drop a message (a reconnect, a slow
 * subscriber). So a snapshot this old is reloaded in the background, while
 * the old one keeps serving: any drift heals within this time.
 */
const RELOAD_AFTER_MS = 60_000;

async function load(eventId: number): Promise<Snapshot> {
  const loadedAt = Date.now();
  // First: every message up to this seq is stored (seqs are given in commit order), so the reads below hold them all.
  const lastSeq = await readLastChatSeq(eventId);
  const [chat, questions, hides] = await Promise.all([
    listRecentChat(eventId, CHAT_KEPT),
    listOpenQuestions(eventId),
    listRecentlyHidden(eventId, new Date(loadedAt - HIDES_KEPT_MS)),
  ]);
  return {
    chat,
    // Fewer rows than asked for means there is nothing older to miss.
    chatFloorId: chat.length < CHAT_KEPT ? 0 : chat[0].id - 1,
    chatFloorSeq: chat.length < CHAT_KEPT ? 0 : chat[0].seq - 1,
    chatSeq: lastSeq,
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
      advanceChatSeq(snapshot);
      const previous = room.snapshot;
      Object.assign(room, { snapshot, loadedAt: Date.now(), loading: null });
      if (previous) reportRecovered(eventId, previous, snapshot.chat);
      noticeGap(eventId, room);
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
  if (room?.snapshot) {
    apply(room.snapshot, update);
    if (update.type === "chat") noticeGap(eventId, room);
  }
  if (room?.loading) room.early.push(update);
}

/**
 * A message from another process can arrive before an earlier one still on its way through Redis;
 * one lost in a Redis outage never arrives. So a gap left open this long is filled from the database.
 */
const GAP_WAIT_MS = 1_000;

const hasGap = (snapshot: Snapshot) => (snapshot.chat.at(-1)?.seq ?? 0) > snapshot.chatSeq;

function noticeGap(eventId: number, room: Room) {
  if (room.gapTimer || !room.snapshot || !hasGap(room.snapshot)) return;
  // With the database away, fewer attempts: 1 s, 2 s, 4 s… up to 30 s.
  const waitMs = Math.min(30_000, GAP_WAIT_MS * 2 ** room.catchUpFailures);
  room.gapTimer = setTimeout(() => {
    room.gapTimer = null;
    catchUp(eventId, room).then(
      () => noticeGap(eventId, room),
      (error) => {
        console.error("Filling a gap in the chat failed; trying again:", error instanceof Error ? error.message : error);
        noticeGap(eventId, room);
      },
    );
  }, waitMs);
  room.gapTimer.unref();
}

/**
 * Brings a snapshot up to the event's last seq in the database: the messages it never heard of (a gap
 * below one it holds, or the last ones before the chat went quiet), sent on to this process's
 * sockets. Once at a time per event, however many ask. Missed more than it keeps: reloaded instead.
 */
function catchUp(eventId: number, room: Room): Promise<void> {
  room.catchingUp ??= (async () => {
    const snapshot = room.snapshot;
    if (!snapshot) return;
    const lastSeq = await readLastChatSeq(eventId);
    if (lastSeq - snapshot.chatSeq > CHAT_KEPT) return void (await startLoading(eventId, room));
    // Every seq up to lastSeq is stored (seqs are given in commit order): these rows are all of them.
    const rows = lastSeq > snapshot.chatSeq ? await listChatBetweenSeqs(eventId, snapshot.chatSeq, lastSeq) : [];
    // A reload replaced the snapshot meanwhile: it read the database itself.
    if (room.snapshot !== snapshot) return;
    const learned = rows.filter((row) => !row.isHidden && insertChat(snapshot, row.message)).map((row) => row.message);
    snapshot.chatSeq = Math.max(snapshot.chatSeq, lastSeq);
    advanceChatSeq(snapshot);
    if (learned.length) onChatRecovered?.(eventId, learned);
  })().then(
    () => {
      room.catchingUp = null;
      room.catchUpFailures = 0;
    },
    (error) => {
      room.catchingUp = null;
      room.catchUpFailures++;
      throw error;
    },
  );
  return room.catchingUp;
}

/**
 * After an outage of the link between processes, every room here catches up with the database, so
 * messages lost with the last broadcasts before the chat went quiet reach this process's sockets too.
 */
export function catchUpAllRooms() {
  for (const [eventId, room] of rooms) catchUp(eventId, room).catch((error) => console.error("Catching up the chat failed:", error instanceof Error ? error.message : error));
}

let onChatRecovered: ((eventId: number, messages: ChatMessageView[]) => void) | null = null;

/**
 * Messages this process learns from the database rather than from a broadcast (a gap filled, a reload
 * after a Redis outage) went to none of its sockets: attach-realtime.ts sends them on.
 */
export function whenChatRecovered(listener: (eventId: number, messages: ChatMessageView[]) => void) {
  onChatRecovered = listener;
}

function reportRecovered(eventId: number, previous: Snapshot, chat: ChatMessageView[]) {
  const held = new Set(previous.chat.map((message) => message.id));
  const learned = chat.filter((message) => message.seq > previous.chatSeq && !held.has(message.id));
  if (learned.length) onChatRecovered?.(eventId, learned);
}

/** Forgets the snapshots of events this process no longer has sockets in; the next joiner loads them again. */
export function dropSnapshots(isInUse: (eventId: number) => boolean) {
  for (const [eventId, room] of rooms) {
    if (room.loading || isInUse(eventId)) continue;
    clearTimeout(room.gapTimer ?? undefined);
    rooms.delete(eventId);
  }
}

/** After an outage of the link between processes some changes may be lost: every room reloads on its next use, serving the old snapshot meanwhile. */
export function markSnapshotsStale() {
  for (const room of rooms.values()) room.loadedAt = 0;
}

function apply(snapshot: Snapshot, update: RoomUpdate) {
  switch (update.type) {
    case "chat":
      insertChat(snapshot, update.message);
      advanceChatSeq(snapshot);
      return;
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

/** Puts a message in its place by seq; false when it was already held or is older than the snapshot reaches. */
function insertChat(snapshot: Snapshot, message: ChatMessageView): boolean {
  // A late copy of a message hidden meanwhile (from another process) must not bring it back.
  if (message.seq <= snapshot.chatFloorSeq || snapshot.hides.some((hide) => hide.id === message.id)) return false;
  // Nearly always the newest: appended. One from another process may arrive after a later one: put in its place.
  const after = snapshot.chat.findLastIndex((held) => held.seq <= message.seq);
  if (snapshot.chat[after]?.seq === message.seq) return false;
  snapshot.json.chat = null;
  snapshot.chat.splice(after + 1, 0, message);
  if (snapshot.chat.length > CHAT_KEPT) {
    const dropped = snapshot.chat.shift()!;
    snapshot.chatFloorId = Math.max(snapshot.chatFloorId, dropped.id);
    snapshot.chatFloorSeq = dropped.seq;
    // Nothing below the floor is served from memory, so a gap there no longer matters.
    snapshot.chatSeq = Math.max(snapshot.chatSeq, dropped.seq);
  }
  return true;
}

/** Moves `chatSeq` past the messages held right after it. */
function advanceChatSeq(snapshot: Snapshot) {
  for (const message of snapshot.chat) if (message.seq === snapshot.chatSeq + 1) snapshot.chatSeq = message.seq;
}

/**
 * The visible messages after `seq`, for a client that holds every one up to it, from memory. When
 * memory cannot take it further (`catchUp`: the client asks because it holds a later message, so this
 * process may have missed the same ones), the room first catches up with the database, once for
 * everyone asking. Older than memory reaches: from the database, at most `limit` (`isCut` says there
 * were more).
 */
export async function readChatAfterSeq(eventId: number, seq: number, limit: number, { catchUp: mayCatchUp = false } = {}): Promise<ChatRange & { isCut: boolean }> {
  const room = roomFor(eventId);
  let snapshot = await getSnapshot(eventId);
  if (mayCatchUp && seq >= snapshot.chatSeq && seq >= snapshot.chatFloorSeq) {
    // The database away: memory answers what it has, and the client asks again later.
    await catchUp(eventId, room).catch(() => {});
    snapshot = room.snapshot ?? snapshot;
  }
  if (seq < snapshot.chatFloorSeq) return listChatAfterSeq(eventId, seq, limit);
  return { chat: snapshot.chat.filter((message) => message.seq > seq), chatSeq: Math.max(snapshot.chatSeq, seq), isCut: false };
}

/** A snapshot with a gap is caught up before a joiner's history is made from it, so none starts with a hole. */
export async function getCompleteSnapshot(eventId: number): Promise<Snapshot> {
  const snapshot = await getSnapshot(eventId);
  if (!hasGap(snapshot)) return snapshot;
  const room = roomFor(eventId);
  await catchUp(eventId, room).catch(() => {});
  return room.snapshot ?? snapshot;
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

/** The ids hidden since `since`, from memory; null when memory does not reach back that far. */
export function hiddenChatIdsSince(snapshot: Snapshot, since: Date): number[] | null {
  if (since.getTime() < snapshot.hidesSince) return null;
  return snapshot.hides.filter((hide) => hide.at >= since.getTime()).map((hide) => hide.id);
}

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
    hiddenChatIds: hiddenChatIdsSince(snapshot, since)!,
  };
}
