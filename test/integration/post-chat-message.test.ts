import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { postChatMessage } from "@/lib/chat/post-chat-message";
import { closeDatabase, db } from "@/lib/db";
import { createTestEvent } from "../events";

/** The first event (made by the events migration). */
const EVENT = 1;

describe("posting a chat message", () => {
  afterAll(() => closeDatabase());

  async function author() {
    const tag = randomBytes(4).toString("hex");
    return db.user.create({ data: { name: `Poster ${tag}`, email: `poster-${tag}@example.com`, phone: "5550001111" } });
  }

  it("stores it once and returns what was stored, with an ISO UTC time", async () => {
    const person = await author();
    const before = Date.now();
    const { message, isNew } = await postChatMessage(EVENT, person, "Héllo ☃ <b>");
    expect(isNew).toBe(true);
    const row = await db.chatMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(message).toEqual({ id: row.id, seq: row.seq, userId: person.id, userName: person.name, text: "Héllo ☃ <b>", createdAt: row.createdAt.toISOString() });
    expect(Date.parse(message.createdAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it("a resend with the same clientId returns the stored message and stores nothing new", async () => {
    const person = await author();
    const first = await postChatMessage(EVENT, person, "Once", "client-1");
    const again = await Promise.all([postChatMessage(EVENT, person, "Once", "client-1"), postChatMessage(EVENT, person, "Once", "client-1")]);
    expect(again.map((result) => [result.message, result.isNew])).toEqual([
      [first.message, false],
      [first.message, false],
    ]);
    expect(await db.chatMessage.count({ where: { userId: person.id } })).toBe(1);
  });

  it("the same clientId in two events is two messages, each in its own event", async () => {
    const person = await author();
    const other = await createTestEvent();
    const here = await postChatMessage(EVENT, person, "Here", "client-2");
    const there = await postChatMessage(other.id, person, "There", "client-2");
    expect([here.isNew, there.isNew]).toEqual([true, true]);
    const rows = await db.chatMessage.findMany({ where: { userId: person.id }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.eventId, row.message])).toEqual([
      [EVENT, "Here"],
      [other.id, "There"],
    ]);
    expect((await postChatMessage(other.id, person, "There", "client-2")).message).toEqual(there.message);
  });

  it("a write that cannot happen (the author is gone) fails and stores nothing", async () => {
    const person = await author();
    await db.user.delete({ where: { id: person.id } });
    await expect(postChatMessage(EVENT, person, "Ghost")).rejects.toThrow();
    expect(await db.chatMessage.count({ where: { userId: person.id } })).toBe(0);
  });
});
