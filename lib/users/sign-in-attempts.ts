import { consumeOrWait, createLimiter, formatWait } from "../create-limiter";

// Staff sign-in attempts, counted BEFORE the password is checked, so that of
// many attempts sent at once no more than the limit are ever tried. A correct
// password clears the account's count and gives the address its attempt back,
// so the limits only ever add up wrong passwords. In Redis when REDIS_URL is
// set, so every process shares the counts.
//
// - Per account from one address: 10 attempts per 15 minutes, then that
//   account's sign-in pauses there until the window passes (guessing stops
//   being practical).
// - Per account from anywhere: 100 per 15 minutes, the ceiling for guessing
//   from many addresses. Counting per address first means one machine cannot
//   lock a moderator out mid-event by typing their email ten times.
// - Per address: 50 attempts per 10 minutes, so one machine spraying many
//   emails is stopped; a venue's staff behind one NAT sign in a handful of times.
export const STAFF_SIGN_IN_LIMITS = {
  perAccountAndAddress: { points: 10, duration: 15 * 60 },
  perAccount: { points: 100, duration: 15 * 60 },
  perAddress: { points: 50, duration: 10 * 60 },
} as const;

const perAccountAndAddress = createLimiter({ keyPrefix: "staff-sign-in", ...STAFF_SIGN_IN_LIMITS.perAccountAndAddress });
const perAccount = createLimiter({ keyPrefix: "staff-sign-in-account", ...STAFF_SIGN_IN_LIMITS.perAccount });
const perAddress = createLimiter({ keyPrefix: "staff-sign-in-address", ...STAFF_SIGN_IN_LIMITS.perAddress });

const accountAt = (email: string, address: string) => `${email} ${address}`;

/** Counts one attempt; null when it may go ahead, otherwise the sentence to show. */
export async function claimSignInAttempt(email: string, address: string): Promise<string | null> {
  const addressWait = await consumeOrWait(perAddress, address);
  if (addressWait) return `Too many sign-in attempts from your network. Try again in ${formatWait(addressWait)}.`;
  const accountWait = Math.max(await consumeOrWait(perAccountAndAddress, accountAt(email, address)), await consumeOrWait(perAccount, email));
  if (accountWait) return `Too many failed attempts for this account. Try again in ${formatWait(accountWait)}.`;
  return null;
}

export async function recordSuccessfulSignIn(email: string, address: string) {
  await Promise.all([perAccountAndAddress.delete(accountAt(email, address)), perAccount.reward(email, 1), perAddress.reward(address, 1)]);
}
