import type { QuestionView } from "../realtime/contract";

/** The speaker's order: most votes first, then the oldest. */
export function byVotesThenTime(a: QuestionView, b: QuestionView): number {
  return b.votes - a.votes || a.id - b.id;
}

/** Approved questions still waiting for an answer, in the speaker's order. */
export function openQuestions(questions: QuestionView[]): QuestionView[] {
  return questions.filter((question) => question.status === "approved").sort(byVotesThenTime);
}
