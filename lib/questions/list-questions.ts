import { db } from "../db";
import { toQuestionView } from "./question-view";

/** Questions everyone may see: approved and answered, oldest first. */
export async function listPublicQuestions() {
  const rows = await db.question.findMany({ where: { status: { in: ["approved", "answered"] } }, orderBy: { id: "asc" } });
  return rows.map(toQuestionView);
}

export async function listPendingQuestions() {
  const rows = await db.question.findMany({ where: { status: "pending" }, orderBy: { id: "asc" } });
  return rows.map(toQuestionView);
}

export async function listQuestionsBy(userId: number) {
  const rows = await db.question.findMany({ where: { userId }, orderBy: { id: "asc" } });
  return rows.map(toQuestionView);
}

export async function listVotedQuestionIds(userId: number) {
  const rows = await db.questionVote.findMany({ where: { userId }, select: { questionId: true } });
  return rows.map((row) => row.questionId);
}

export function countPendingQuestions() {
  return db.question.count({ where: { status: "pending" } });
}
