import { describe, expect, it } from "vitest";
import type { ChatMessageView, QuestionView, RoomState } from "@/lib/realtime/contract";
import { byVotesThenTime } from "@/lib/questions/question-order";
import { hasChatGap, initialRoomView, roomReducer, type RoomAction } from "@/lib/realtime/room-reducer";

const chat = (id: number, seq = id): ChatMessageView => ({ id, seq, userId: 1, userName: "A", text: `m${id}`, createdAt: "2026-01-01T00:00:00.000Z" });
const question = (id: number, patch: Partial<QuestionView> = {}): QuestionView => ({
  id,
  userId: 2,
  userName: "B",
  text: `q${id}`,
  status: "pending",
  votes: 0,
  createdAt: "2026-01-01T00:00:00.000Z",
  ...patch,
});
const state = (patch: Partial<RoomState> = {}): RoomState => ({
  user: { id: 1, name: "A", role: "viewer" },
  event: { id: 1, slug: "first-event", title: "First event", description: "", streamUrl: "/stream", startsAt: "2026-01-01T00:00:00.000Z", endsAt: null, state: "live", isChatOn: true, isQaOn: true },
  chat: [],
  chatSeq: 0,
  questions: [],
  myQuestions: [],
  myVotes: [],
  heartbeatSeconds: 60,
  serverTime: "2026-01-01T00:00:00.000Z",
  ...patch,
});
const run = (...actions: RoomAction[]) => actions.reduce(roomReducer, initialRoomView);

describe("room reducer", () => {
  it("shows a chat message once even when the ack and the broadcast both deliver it", () => {
    const view = run({ type: "connected" }, { type: "state", state: state() }, { type: "chat", message: chat(1) }, { type: "chat", message: chat(1) });
    expect(view.chat.map((message) => message.id)).toEqual([1]);
  });

  it("a full snapshot (no resync possible, e.g. a server restart) replaces the chat without duplicates", () => {
    const before = run({ type: "connected" }, { type: "state", state: state({ chat: [chat(1), chat(2)] }) });
    const after = [
      { type: "connection", connection: "reconnecting" },
      { type: "connected" },
      { type: "state", state: state({ chat: [chat(2), chat(3), chat(4)] }) },
    ] as RoomAction[];
    expect(after.reduce(roomReducer, before).chat.map((message) => message.id)).toEqual([2, 3, 4]);
  });

  it("a resync keeps what the client holds, appends what it missed and drops what was hidden meanwhile", () => {
    const held = run({ type: "connected" }, { type: "state", state: state({ chat: [chat(1), chat(2), chat(3)] }) });
    const resynced = [
      { type: "connection", connection: "reconnecting" },
      { type: "connected" },
      { type: "state", state: state({ chat: [chat(4), chat(5)], chatAfter: 3, hiddenChatIds: [2] }) },
    ] as RoomAction[];
    expect(resynced.reduce(roomReducer, held).chat.map((message) => message.id)).toEqual([1, 3, 4, 5]);
  });

  it("keeps the chat in the event's order (seq), whatever order the ids and the arrivals are in", () => {
    const view = run({ type: "connected" }, { type: "state", state: state({ chat: [chat(10, 1)], chatSeq: 1 }) }, { type: "chat", message: chat(12, 3) }, { type: "chat", message: chat(11, 2) });
    expect(view.chat.map((message) => message.seq)).toEqual([1, 2, 3]);
    expect(view.chatSeq).toBe(3);
    expect(hasChatGap(view)).toBe(false);
  });

  it("a message that arrives ahead of an earlier one opens a gap, and chatSeq never moves past it", () => {
    const ahead = run({ type: "connected" }, { type: "state", state: state({ chat: [chat(1), chat(2)], chatSeq: 2 }) }, { type: "chat", message: chat(4) }, { type: "chat", message: chat(5) });
    expect(ahead.chatSeq).toBe(2);
    expect(hasChatGap(ahead)).toBe(true);
    // The reconnect's handshake says chatSeq 2: the resync keeps 1–2, drops 4–5 and sends 3–5 again.
    const resynced = roomReducer(roomReducer(ahead, { type: "connected" }), { type: "state", state: state({ chat: [chat(3), chat(4), chat(5)], chatAfterSeq: 2, chatSeq: 5 }) });
    expect(resynced.chat.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(resynced.chatSeq).toBe(5);
    expect(hasChatGap(resynced)).toBe(false);
  });

  it("the answer to chat:since fills a gap, also one left by a message hidden before it arrived", () => {
    const ahead = run({ type: "connected" }, { type: "state", state: state({ chat: [chat(1)], chatSeq: 1 }) }, { type: "chat", message: chat(4) });
    // 2 was hidden meanwhile (not in the answer); the answer vouches for everything up to 4.
    const filled = roomReducer(ahead, { type: "chat:range", afterSeq: 1, range: { chat: [chat(3), chat(4)], chatSeq: 4 } });
    expect(filled.chat.map((message) => message.seq)).toEqual([1, 3, 4]);
    expect(filled.chatSeq).toBe(4);
    expect(hasChatGap(filled)).toBe(false);
  });

  it("an answer to chat:since from a seq the view no longer vouches for (a fresh state came meanwhile) is dropped", () => {
    const fresh = run({ type: "connected" }, { type: "state", state: state({ chat: [chat(1)], chatSeq: 1 }) }, { type: "chat", message: chat(5) });
    const late = roomReducer(fresh, { type: "chat:range", afterSeq: 3, range: { chat: [chat(5)], chatSeq: 5 } });
    expect(late.chatSeq).toBe(1);
    expect(hasChatGap(late)).toBe(true);
  });

  it("a resync by seq drops messages hidden meanwhile and keeps no duplicates", () => {
    const before = run({ type: "connected" }, { type: "state", state: state({ chat: [chat(1), chat(2), chat(3)], chatSeq: 3 }) });
    const after = roomReducer(roomReducer(before, { type: "connected" }), { type: "state", state: state({ chat: [chat(3), chat(4)], chatAfterSeq: 3, chatSeq: 4, hiddenChatIds: [2] }) });
    expect(after.chat.map((message) => message.id)).toEqual([1, 3, 4]);
  });

  it("a label change (the browser back online) never holds live events", () => {
    const view = run({ type: "connected" }, { type: "state", state: state() }, { type: "connection", connection: "offline" }, { type: "connection", connection: "connected" }, { type: "chat", message: chat(9) });
    expect(view.heldEvents).toBeNull();
    expect(view.chat.map((message) => message.id)).toEqual([9]);
  });

  it("an attendee's own pending question goes to My questions, not to a moderation queue", () => {
    const view = run({ type: "state", state: state({ user: { id: 2, name: "B", role: "viewer" } }) }, { type: "question", question: question(11) });
    expect(view.pending).toEqual([]);
    expect(view.myQuestions.map((item) => item.id)).toEqual([11]);
  });

  it("replays events that arrive between the connection and its snapshot", () => {
    const view = run(
      { type: "connected" },
      { type: "chat", message: chat(5) },
      { type: "chat:hidden", id: 3 },
      { type: "state", state: state({ chat: [chat(3), chat(4)] }) },
    );
    expect(view.chat.map((message) => message.id)).toEqual([4, 5]);
    expect(view.heldEvents).toBeNull();
  });

  it("removes a hidden message", () => {
    const view = run({ type: "state", state: state({ chat: [chat(1), chat(2)] }) }, { type: "chat:hidden", id: 1 });
    expect(view.chat.map((message) => message.id)).toEqual([2]);
  });

  it("moves a question through pending, approved and answered lists", () => {
    let view = run({ type: "state", state: state({ user: { id: 9, name: "Mod", role: "moderator" }, pending: [] }) }, { type: "question", question: question(1) });
    expect(view.pending.map((item) => item.id)).toEqual([1]);
    view = roomReducer(view, { type: "question", question: question(1, { status: "approved" }) });
    expect(view.pending).toEqual([]);
    expect(view.questions.map((item) => item.status)).toEqual(["approved"]);
    view = roomReducer(view, { type: "question", question: question(1, { status: "answered" }) });
    expect(view.questions.map((item) => item.status)).toEqual(["answered"]);
  });

  it("ignores a late update that would move a question back (two server processes can deliver out of order)", () => {
    const moderator = { type: "state", state: state({ user: { id: 9, name: "M", role: "moderator" } }) } as const;
    const view = run(
      moderator,
      { type: "question", question: question(1, { status: "approved" }) },
      { type: "question", question: question(1, { status: "answered" }) },
      { type: "question", question: question(1, { status: "approved", votes: 7 }) },
      { type: "question", question: question(2, { status: "approved" }) },
      { type: "question", question: question(2, { status: "pending" }) },
    );
    expect(view.questions.map((item) => [item.id, item.status])).toEqual([
      [1, "answered"],
      [2, "approved"],
    ]);
    expect(view.pending).toEqual([]);
  });

  it("keeps the asker's own questions with their status, including rejected", () => {
    let view = run({ type: "state", state: state({ user: { id: 2, name: "B", role: "viewer" } }) }, { type: "question", question: question(7) });
    view = roomReducer(view, { type: "question", question: question(7, { status: "rejected" }) });
    expect(view.myQuestions.map((item) => item.status)).toEqual(["rejected"]);
    expect(view.questions).toEqual([]);
  });

  it("tracks this person's votes", () => {
    let view = run({ type: "state", state: state({ myVotes: [3] }) }, { type: "voted", id: 4, hasVoted: true });
    expect(view.myVotes.sort()).toEqual([3, 4]);
    view = roomReducer(view, { type: "voted", id: 3, hasVoted: false });
    expect(view.myVotes).toEqual([4]);
  });

  it("orders the speaker's list by votes, then oldest first", () => {
    const ordered = [question(1, { votes: 1 }), question(2, { votes: 3 }), question(3, { votes: 3 }), question(4)].sort(byVotesThenTime);
    expect(ordered.map((item) => item.id)).toEqual([2, 3, 1, 4]);
  });
});
