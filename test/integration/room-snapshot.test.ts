import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { toChatMessageView } from "@/lib/chat/chat-message-view";
import { listChatMissed } from "@/lib/chat/list-recent-chat";
import { closeDatabase, db } from "@/lib/db";
import { toQuestionView } from "@/lib/questions/question-view";
import { CHAT_HISTORY_SIZE } from "@/lib/realtime/contract";
import { createTestEvent } from "../events";
import { applyRoomUpdate, chatMissedSince, countPending, getSnapshot, pendingQuestions, publicQuestionsJson, recentChatJson } from "@/lib/realtime/room-snapshot";

// The in-memory room against the real database: loaded once, kept current by
// the updates the handlers publish, and agreeing with what the database holds.
// An event of its own per test, so each one loads afresh.
let ROOM = 0;
let author: { id: number; name: string };

async function post(text: string, eventId = ROOM) {
  return toChatMessageView(await db.chatMessage.create({ data: { eventId, userId: author.id, userName: author.name, message: text } }));
}

async function ask(text: string, status: "pending" | "approved" = "pending", eventId = ROOM) {
  return toQuestionView(await db.question.create({ data: { eventId, userId: author.id, userName: author.name, questionText: text, status } }));
}

describe("the room snapshot", () => {
  beforeEach(async () => {
    ROOM = (await createTestEvent()).id;
    const tag = randomBytes(4).toString("hex");
    author = await db.user.create({ data: { name: `Snapshot ${tag}`, email: `snapshot-${tag}@example.com`, phone: "5550001111" } });
  });
  afterAll(() => closeDatabase());

  it("loads once however many join at the same moment, and serves the latest 100 messages and the public questions", async () => {
    for (let index = 0; index < 120; index++) await post(`Loaded ${index}`);
    const approved = await ask("Loaded approved", "approved");
    const pending = await ask("Loaded pending");
    const snapshots = await Promise.all(Array.from({ length: 20 }, () => getSnapshot(ROOM)));
    expect(new Set(snapshots).size).toBe(1);
    const chat = JSON.parse(recentChatJson(snapshots[0]));
    expect(chat).toHaveLength(CHAT_HISTORY_SIZE);
    expect(chat.at(-1).text).toBe("Loaded 119");
    expect(JSON.parse(publicQuestionsJson(snapshots[0])).map((question: { id: number }) => question.id)).toContain(approved.id);
    expect(pendingQuestions(snapshots[0]).map((question) => question.id)).toContain(pending.id);
  });

  it("follows published changes, and its JSON is made again only after one", async () => {
    const snapshot = await getSnapshot(ROOM);
    const before = recentChatJson(snapshot);
    expect(recentChatJson(snapshot)).toBe(before);
    const message = await post("Published");
    applyRoomUpdate(ROOM, { type: "chat", message });
    applyRoomUpdate(ROOM, { type: "chat", message });
    const chat = JSON.parse(recentChatJson(snapshot));
    expect(chat.filter((held: { id: number }) => held.id === message.id)).toHaveLength(1);

    // From two processes a later message can arrive first: each still takes its place by id.
    const [earlier, later] = [await post("Earlier"), await post("Later")];
    applyRoomUpdate(ROOM, { type: "chat", message: later });
    applyRoomUpdate(ROOM, { type: "chat", message: earlier });
    expect(JSON.parse(recentChatJson(snapshot)).slice(-3).map((held: { text: string }) => held.text)).toEqual(["Published", "Earlier", "Later"]);

    applyRoomUpdate(ROOM, { type: "chat:hidden", id: message.id, hiddenAt: new Date().toISOString() });
    expect(JSON.parse(recentChatJson(snapshot)).map((held: { id: number }) => held.id)).not.toContain(message.id);

    const pendingBefore = countPending(snapshot);
    const question = await ask("Published question");
    applyRoomUpdate(ROOM, { type: "question", question });
    expect(countPending(snapshot)).toBe(pendingBefore + 1);
    applyRoomUpdate(ROOM, { type: "question", question: { ...question, status: "rejected" } });
    expect(countPending(snapshot)).toBe(pendingBefore);
  });

  it("a change published while the room is loading is not lost", async () => {
    const loading = getSnapshot(ROOM);
    const message = { id: 2_000_000_000, seq: 2_000_000_000, userId: author.id, userName: author.name, text: "During the load", createdAt: new Date().toISOString() };
    applyRoomUpdate(ROOM, { type: "chat", message });
    expect(JSON.parse(recentChatJson(await loading)).at(-1)).toEqual(message);
  });

  it("a reconnect is served from memory when memory reaches back far enough, and agrees with the one-query database resync", async () => {
    await post("Earlier history");
    const first = await post("Before the drop");
    const since = new Date();
    const snapshot = await getSnapshot(ROOM);
    const missed = [await post("Missed 1"), await post("Missed 2")];
    for (const message of missed) applyRoomUpdate(ROOM, { type: "chat", message });
    const hiddenAt = new Date();
    await db.chatMessage.update({ where: { id: first.id }, data: { isHidden: true, hiddenAt } });
    applyRoomUpdate(ROOM, { type: "chat:hidden", id: first.id, hiddenAt: hiddenAt.toISOString() });

    // Both answers: every visible message after their chatAfter (which is below the client's last one,
    // for messages broadcast out of order), ending with the two missed, and the hide.
    for (const resync of [chatMissedSince(snapshot, first.id, since)!, await listChatMissed(ROOM, first.id, since)]) {
      expect(resync.chatAfter).toBeLessThan(first.id);
      expect(resync.chat!.slice(-2)).toEqual(missed);
      expect(resync.chat!.every((message) => message.id > resync.chatAfter)).toBe(true);
      expect(resync.hiddenChatIds).toEqual([first.id]);
    }
    // Older than what memory holds: the database answers.
    expect(chatMissedSince(snapshot, first.id, new Date(Date.now() - 60 * 60_000))).toBeNull();
  });

  it("a message broadcast after a later one is resent to a client that holds only the later one", async () => {
    const snapshot = await getSnapshot(ROOM);
    const earlier = await post("Inserted first, broadcast second");
    const later = await post("Inserted second, broadcast first");
    // The client got `later` and was cut off before `earlier` reached it.
    applyRoomUpdate(ROOM, { type: "chat", message: later });
    applyRoomUpdate(ROOM, { type: "chat", message: earlier });
    const since = new Date();
    for (const resync of [chatMissedSince(snapshot, later.id, since)!, await listChatMissed(ROOM, later.id, since)]) {
      expect(resync.chatAfter).toBeLessThan(earlier.id);
      expect(resync.chat).toContainEqual(earlier);
      expect(resync.chat!.at(-1)).toEqual(later);
    }
    // Messages created long before the client's last one are not sent again.
    await db.chatMessage.update({ where: { id: earlier.id }, data: { createdAt: new Date(Date.parse(later.createdAt) - 60_000) } });
    expect((await listChatMissed(ROOM, later.id, since)).chatAfter).toBe(earlier.id);
  });

  it("holds only its own event: another event's chat, questions and hides stay out of it and of its resync", async () => {
    const other = (await createTestEvent()).id;
    const since = new Date();
    const mine = await post("Mine");
    const theirs = await post("Theirs", other);
    await ask("Their pending", "pending", other);
    await ask("Their approved", "approved", other);
    const theirHidden = await post("Their hidden", other);
    await db.chatMessage.update({ where: { id: theirHidden.id }, data: { isHidden: true, hiddenAt: new Date() } });
    const snapshot = await getSnapshot(ROOM);
    expect(JSON.parse(recentChatJson(snapshot)).map((held: { id: number }) => held.id)).toEqual([mine.id]);
    expect(JSON.parse(publicQuestionsJson(snapshot))).toEqual([]);
    expect(countPending(snapshot)).toBe(0);
    const resync = await listChatMissed(ROOM, mine.id - 1, since);
    expect(resync.chat!.map((message) => message.id)).toEqual([mine.id]);
    expect(resync.hiddenChatIds).toEqual([]);
    // A client naming another event's message id resyncs within its own event only.
    expect((await listChatMissed(ROOM, theirs.id, since)).chat!.map((message) => message.id)).not.toContain(theirs.id);
  });
});
