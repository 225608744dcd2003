import { db } from "../db";
import { toQuestionView } from "./question-view";

/** Every question of an event still in play (pending, approved or answered), oldest first: the room snapshot's questions. */
export async function listOpenQuestions(eventId: number) {
  const rows = await db.question.findMany({ where: { eventId, status: { in: ["pending", "approved", "answered"] } }, orderBy: { id: "asc" } });
  return rows.map(toQuestionView);
}
