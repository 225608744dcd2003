import type { QuestionStatus, QuestionView } from "../realtime/contract";

// The moderation lifecycle only moves forward: pending → approved → answered, or pending → rejected.
const STAGE: Record<QuestionStatus, number> = { pending: 0, approved: 1, answered: 2, rejected: 2 };

/** True when `update` is an older state of the question than `held` (it arrived late, e.g. from another server process). */
export function isBehind(update: QuestionView, held: QuestionView): boolean {
  return STAGE[update.status] < STAGE[held.status];
}

/** The speaker's order: most votes first, then the oldest. */
export function byVotesThenTime(a: QuestionView, b: QuestionView): number {
  return b.votes - a.votes || a.id - b.id;
}

/** Approved questions still waiting for an answer, in the speaker's order. */
export function openQuestions(questions: QuestionView[]): QuestionView[] {
  return questions.filter((question) => question.status === "approved").sort(byVotesThenTime);
}
