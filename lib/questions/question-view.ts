import type { Question } from "../generated/prisma/client";
import type { QuestionView } from "../realtime/contract";

export function toQuestionView(row: Question): QuestionView {
  return {
    id: row.id,
    userId: row.userId,
    userName: row.userName,
    text: row.questionText,
    status: row.status,
    votes: row.votes,
    createdAt: row.createdAt.toISOString(),
  };
}
