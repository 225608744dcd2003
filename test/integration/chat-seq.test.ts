import { randomBytes } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { listChatAfterSeq } from "@/lib/chat/list-chat-after-seq";
import { postChatMessage } from "@/lib/chat/post-chat-message";
import { closeDatabase, db } from "@/lib/db";
import type { ChatMessageView } from "@/lib/realtime/contract";
import { applyRoomUpdate, catchUpAllRooms, getCompleteSnapshot, getSnapshot, readChatAfterSeq, recentChatJson, whenChatRecovered } from "@/lib/realtime/room-snapshot";
import { createTestEvent } from "../events";

// Each event's chat is numbered 1, 2, 3… without holes (the chat_seq migration's trigger), and a room
// snapshot that sees a message ahead of one it never heard of (lost between processes in a Redis
// outage) fetches the missing ones from the database, so no client is left with a hole.
let eventId = 0;
let author: { id: number; name: string };

describe("the chat's gap-free order", () => {
  beforeEach(async () => {
    eventId = (await createTestEvent()).id;
    const tag = randomBytes(4).toString("hex");
    author = await db.user.create({ data: { name: `Seq ${tag}`, email: `seq-${tag}@example.com`, phone: "5550001111" } });
  });
  afterAll(() => closeDatabase());

  it("numbers each event's messages 1, 2, 3… in commit order, also when many are stored at once in two events", async () => {
    const other = (await createTestEvent()).id;
    const posts = await Promise.all(Array.from({ length: 60 }, (_, index) => postChatMessage(index % 3 ? eventId : other, author, `Concurrent ${index}`)));
    for (const room of [eventId, other]) {
      const rows = await db.chatMessage.findMany({ where: { eventId: room }, orderBy: { seq: "asc" }, select: { seq: true } });
      expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
      expect((await db.event.findUniqueOrThrow({ where: { id: room } })).lastChatSeq).toBe(rows.length);
    }
    expect(posts.every(({ message }) => message.seq > 0)).toBe(true);
  });

  it("a send refused as a duplicate (its clientId already stored) takes no number", async () => {
    const first = await postChatMessage(eventId, author, "Once", "client-1");
    const again = await postChatMessage(eventId, author, "Once", "client-1");
    const next = await postChatMessage(eventId, author, "Next", "client-2");
    expect(again).toEqual({ message: first.message, isNew: false });
    expect([first.message.seq, next.message.seq]).toEqual([1, 2]);
  });

  it("a snapshot that hears of seq 3 but never of seq 2 fetches 2 from the database by itself and hands it to this process's sockets", async () => {
    const recovered: ChatMessageView[] = [];
    whenChatRecovered((room, messages) => room === eventId && recovered.push(...messages));
    const snapshot = await getSnapshot(eventId);
    const one = (await postChatMessage(eventId, author, "Heard")).message;
    const lost = (await postChatMessage(eventId, author, "Lost in a Redis outage")).message;
    const three = (await postChatMessage(eventId, author, "Heard after it")).message;
    applyRoomUpdate(eventId, { type: "chat", message: one });
    applyRoomUpdate(eventId, { type: "chat", message: three });
    expect(snapshot.chatSeq).toBe(1);
    await expect.poll(() => snapshot.chatSeq, { timeout: 5_000 }).toBe(3);
    expect(JSON.parse(recentChatJson(snapshot)).map((message: ChatMessageView) => message.seq)).toEqual([1, 2, 3]);
    expect(recovered).toEqual([lost]);
    expect(await readChatAfterSeq(eventId, 1, 500)).toEqual({ chat: [lost, three], chatSeq: 3, isCut: false });
  });

  it("chat:since from a client that holds more than this process heard catches the room up at once, for everyone asking", async () => {
    const snapshot = await getSnapshot(eventId);
    const one = (await postChatMessage(eventId, author, "Heard")).message;
    applyRoomUpdate(eventId, { type: "chat", message: one });
    // Two lost here; the client got the second through another route and asks for what follows 1.
    const lost = [(await postChatMessage(eventId, author, "Lost 1")).message, (await postChatMessage(eventId, author, "Lost 2")).message];
    const answers = await Promise.all(Array.from({ length: 5 }, () => readChatAfterSeq(eventId, 1, 500, { catchUp: true })));
    for (const answer of answers) expect(answer).toEqual({ chat: lost, chatSeq: 3, isCut: false });
    expect(snapshot.chatSeq).toBe(3);
  });

  it("the last messages before the chat went quiet, lost between processes, reach this process's sockets when Redis is back", async () => {
    const recovered: ChatMessageView[] = [];
    whenChatRecovered((room, messages) => room === eventId && recovered.push(...messages));
    const snapshot = await getSnapshot(eventId);
    const lost = (await postChatMessage(eventId, author, "The last word, lost")).message;
    catchUpAllRooms();
    await expect.poll(() => recovered, { timeout: 5_000 }).toEqual([lost]);
    expect(snapshot.chatSeq).toBe(1);
  });

  it("a joiner's history is made after the room caught up, so it starts without a hole", async () => {
    await getSnapshot(eventId);
    const [one, lost, three] = [(await postChatMessage(eventId, author, "1")).message, (await postChatMessage(eventId, author, "2")).message, (await postChatMessage(eventId, author, "3")).message];
    applyRoomUpdate(eventId, { type: "chat", message: one });
    applyRoomUpdate(eventId, { type: "chat", message: three });
    const snapshot = await getCompleteSnapshot(eventId);
    expect(JSON.parse(recentChatJson(snapshot))).toEqual([one, lost, three]);
    expect(snapshot.chatSeq).toBe(3);
  });

  it("a hidden message in the gap is skipped, and the range still vouches for it", async () => {
    const snapshot = await getSnapshot(eventId);
    const one = (await postChatMessage(eventId, author, "One")).message;
    const hidden = (await postChatMessage(eventId, author, "Hidden before anyone heard of it")).message;
    const three = (await postChatMessage(eventId, author, "Three")).message;
    await db.chatMessage.update({ where: { id: hidden.id }, data: { isHidden: true, hiddenAt: new Date() } });
    applyRoomUpdate(eventId, { type: "chat", message: one });
    applyRoomUpdate(eventId, { type: "chat", message: three });
    await expect.poll(() => snapshot.chatSeq, { timeout: 5_000 }).toBe(3);
    expect(JSON.parse(recentChatJson(snapshot)).map((message: ChatMessageView) => message.seq)).toEqual([1, 3]);
    expect(await listChatAfterSeq(eventId, 0, 500)).toEqual({ chat: [one, three], chatSeq: 3, isCut: false });
  });

  it("a range longer than the limit is cut, and says how far it goes", async () => {
    for (let index = 0; index < 5; index++) await postChatMessage(eventId, author, `Many ${index}`);
    const range = await listChatAfterSeq(eventId, 1, 3);
    expect(range.chat.map((message) => message.seq)).toEqual([2, 3, 4]);
    expect(range).toMatchObject({ chatSeq: 4, isCut: true });
  });
});
