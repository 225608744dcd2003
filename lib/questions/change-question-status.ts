import { db } from "../db";
import type { QuestionStatus } from "../generated/prisma/enums";
import { RoomError } from "../realtime/room-error";
import { toQuestionView } from "./question-view";

// The moderation lifecycle: pending → approved → answered, or pending → rejected.
// Repeating a step that already happened is a no-op success.
const MOVES = {
  approve: { from: "pending", to: "approved" },
  reject: { from: "pending", to: "rejected" },
  answer: { from: "approved", to: "answered" },
} as const satisfies Record<string, { from: QuestionStatus; to: QuestionStatus }>;

export type QuestionMove = keyof typeof MOVES;

const REFUSALS: Record<QuestionMove, string> = {
  approve: "Only a pending question can be approved.",
  reject: "Only a pending question can be rejected.",
  answer: "Only an approved question can be marked answered.",
};

/**
 * Applies the move; `hasChanged` is false when the question was already there (nothing to broadcast).
 * A question of another event is not found, and stays as it is.
 */
export async function changeQuestionStatus(eventId: number, id: number, move: QuestionMove) {
  const { from, to } = MOVES[move];
  // One conditional UPDATE: two moderators clicking at once cannot both move it.
  const { count } = await db.question.updateMany({ where: { id, eventId, status: from }, data: { status: to } });
  const row = await db.question.findFirst({ where: { id, eventId } });
  if (!row) throw new RoomError("not_found", "That question does not exist.");
  if (count === 0 && row.status !== to) throw new RoomError("invalid_state", REFUSALS[move]);
  return { question: toQuestionView(row), hasChanged: count === 1 };
}
