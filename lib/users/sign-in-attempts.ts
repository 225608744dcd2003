import { consumeOrWait, createLimiter, formatWait } from "../create-limiter";

// Staff sign-in attempts, counted BEFORE the password is checked, so that of
// many attempts sent at once no more than the limit are ever tried. A correct
// password clears the account's count and gives the address its attempt back,
// so the limits only ever add up wrong passwords. In Redis when REDIS_URL is
// set, so every process shares the counts.
//
// - Per account: 10 attempts per 15 minutes, then that account's sign-in
//   pauses until the window passes (guessing stops being practical).
// - Per address: 50 attempts per 10 minutes, so one machine spraying many
//   emails is stopped; a venue's staff behind one NAT sign in a handful of times.
export const STAFF_SIGN_IN_LIMITS = {
  perAccount: { points: 10, duration: 15 * 60 },
  perAddress: { points: 50, duration: 10 * 60 },
} as const;

const perAccount = createLimiter({ keyPrefix: "staff-sign-in", ...STAFF_SIGN_IN_LIMITS.perAccount });
const perAddress = createLimiter({ keyPrefix: "staff-sign-in-address", ...STAFF_SIGN_IN_LIMITS.perAddress });

/** Counts one attempt; null when it may go ahead, otherwise the sentence to show. */
export async function claimSignInAttempt(email: string, address: string): Promise<string | null> {
  const addressWait = await consumeOrWait(perAddress, address);
  if (addressWait) return `Too many sign-in attempts from your network. Try again in ${formatWait(addressWait)}.`;
  const accountWait = await consumeOrWait(perAccount, email);
  if (accountWait) return `Too many failed attempts for this account. Try again in ${formatWait(accountWait)}.`;
  return null;
}

export async function recordSuccessfulSignIn(email: string, address: string) {
  await Promise.all([perAccount.delete(email), perAddress.reward(address, 1)]);
}
