import { db } from "../db";
import { RoomError } from "../realtime/room-error";
import { toQuestionView } from "./question-view";

/** One vote per person on an approved question of the event; voting again takes the vote back. Another event's question is not found. */
export async function toggleVote(eventId: number, questionId: number, userId: number) {
  return db.$transaction(async (tx) => {
    // Locks the question row so concurrent votes on it count one after another.
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM questions WHERE id = ${questionId} AND event_id = ${eventId} FOR UPDATE`;
    if (!locked) throw new RoomError("not_found", "That question does not exist.");
    if (locked.status !== "approved") throw new RoomError("invalid_state", "Only approved, unanswered questions can be voted on.");

    const { count: removed } = await tx.questionVote.deleteMany({ where: { questionId, userId } });
    if (!removed) await tx.questionVote.create({ data: { questionId, userId } });
    const row = await tx.question.update({ where: { id: questionId }, data: { votes: { increment: removed ? -1 : 1 } } });
    return { question: toQuestionView(row), hasVoted: !removed };
  });
}
