import { db } from "../db";
import { toQuestionView } from "./question-view";

/** Every question still in play (pending, approved or answered), oldest first: the room snapshot's questions. */
export async function listOpenQuestions() {
  const rows = await db.question.findMany({ where: { status: { in: ["pending", "approved", "answered"] } }, orderBy: { id: "asc" } });
  return rows.map(toQuestionView);
}
