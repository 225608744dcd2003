import { createLimiter } from "../create-limiter";

// Failed staff sign-ins per email: 10 per 15 minutes, then that account's
// sign-in is paused until the window passes. Guessing passwords stops being
// practical; a correct password clears the count. Counted in Redis when
// REDIS_URL is set, so every process shares the count.
const failures = createLimiter({ keyPrefix: "staff-sign-in", points: 10, duration: 15 * 60 });

/** Minutes until this email may try again, or 0 when it may try now. */
export async function minutesUntilRetry(email: string): Promise<number> {
  const state = await failures.get(email);
  if (!state || state.consumedPoints < 10) return 0;
  return Math.max(1, Math.ceil(state.msBeforeNext / 60_000));
}

export async function recordFailedSignIn(email: string) {
  await failures.penalty(email, 1);
}

export async function clearFailedSignIns(email: string) {
  await failures.delete(email);
}
