import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { hideChatMessage } from "@/lib/chat/hide-chat-message";
import { closeDatabase, db } from "@/lib/db";
import { changeQuestionStatus } from "@/lib/questions/change-question-status";
import { toggleVote } from "@/lib/questions/toggle-vote";
import { createTestEvent } from "../events";

// Every action on a message or question names the event it is taken in: one
// on another event's item is "not found" and changes nothing, whatever id a
// socket sends.
async function person() {
  const tag = randomBytes(4).toString("hex");
  return db.user.create({ data: { name: `Cross ${tag}`, email: `cross-${tag}@example.com`, phone: "5550001111" } });
}

describe("acting on another event's items", () => {
  afterAll(() => closeDatabase());

  it("hide, approve, reject, answer and upvote answer not_found and change nothing", async () => {
    const [mine, theirs] = [await createTestEvent(), await createTestEvent()];
    const author = await person();
    const message = await db.chatMessage.create({ data: { eventId: theirs.id, userId: author.id, userName: author.name, message: "Theirs" } });
    const pending = await db.question.create({ data: { eventId: theirs.id, userId: author.id, userName: author.name, questionText: "Pending", status: "pending" } });
    const approved = await db.question.create({ data: { eventId: theirs.id, userId: author.id, userName: author.name, questionText: "Approved", status: "approved" } });

    await expect(hideChatMessage(mine.id, message.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(changeQuestionStatus(mine.id, pending.id, "approve")).rejects.toMatchObject({ code: "not_found" });
    await expect(changeQuestionStatus(mine.id, pending.id, "reject")).rejects.toMatchObject({ code: "not_found" });
    await expect(changeQuestionStatus(mine.id, approved.id, "answer")).rejects.toMatchObject({ code: "not_found" });
    await expect(toggleVote(mine.id, approved.id, author.id)).rejects.toMatchObject({ code: "not_found" });

    expect(await db.chatMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ isHidden: false, hiddenAt: null });
    expect((await db.question.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("pending");
    expect(await db.question.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({ status: "approved", votes: 0 });
    expect(await db.questionVote.count({ where: { questionId: approved.id } })).toBe(0);

    // In their own event the same actions work.
    expect((await hideChatMessage(theirs.id, message.id)).hiddenAt).toBeInstanceOf(Date);
    expect((await changeQuestionStatus(theirs.id, pending.id, "approve")).question.status).toBe("approved");
    expect((await toggleVote(theirs.id, approved.id, author.id)).hasVoted).toBe(true);
  });
});
