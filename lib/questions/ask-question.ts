import { db } from "../db";
import { toQuestionView } from "./question-view";

export async function askQuestion(eventId: number, asker: { id: number; name: string }, text: string) {
  const row = await db.question.create({ data: { eventId, userId: asker.id, userName: asker.name, questionText: text, status: "pending" } });
  return toQuestionView(row);
}
