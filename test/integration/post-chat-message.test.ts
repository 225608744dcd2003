import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { postChatMessage } from "@/lib/chat/post-chat-message";
import { closeDatabase, db } from "@/lib/db";

describe("posting a chat message", () => {
  afterAll(() => closeDatabase());

  async function author() {
    const tag = randomBytes(4).toString("hex");
    return db.user.create({ data: { name: `Poster ${tag}`, email: `poster-${tag}@example.com`, phone: "5550001111" } });
  }

  it("stores it once and returns what was stored, with an ISO UTC time", async () => {
    const person = await author();
    const before = Date.now();
    const { message, isNew } = await postChatMessage(person, "Héllo ☃ <b>");
    expect(isNew).toBe(true);
    const row = await db.chatMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(message).toEqual({ id: row.id, userId: person.id, userName: person.name, text: "Héllo ☃ <b>", createdAt: row.createdAt.toISOString() });
    expect(Date.parse(message.createdAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it("a resend with the same clientId returns the stored message and stores nothing new", async () => {
    const person = await author();
    const first = await postChatMessage(person, "Once", "client-1");
    const again = await Promise.all([postChatMessage(person, "Once", "client-1"), postChatMessage(person, "Once", "client-1")]);
    expect(again.map((result) => [result.message, result.isNew])).toEqual([
      [first.message, false],
      [first.message, false],
    ]);
    expect(await db.chatMessage.count({ where: { userId: person.id } })).toBe(1);
  });

  it("a write that cannot happen (the author is gone) fails and stores nothing", async () => {
    const person = await author();
    await db.user.delete({ where: { id: person.id } });
    await expect(postChatMessage(person, "Ghost")).rejects.toThrow();
    expect(await db.chatMessage.count({ where: { userId: person.id } })).toBe(0);
  });
});
