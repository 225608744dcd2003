import { RateLimiterRes } from "rate-limiter-flexible";
import { consumeOrWait, createLimiter, formatWait } from "../create-limiter";
import { networkOf } from "./sign-in-network";

// Staff sign-in attempts, counted BEFORE the password is checked, so that of
// many attempts sent at once no more than the limit are ever tried. A correct
// password clears the account's count and gives the address its attempt back,
// so the limits only ever add up wrong passwords. In Redis when REDIS_URL is
// set, so every process shares the counts. An address is what
// lib/http/client-address.ts's limitKey makes of it: IPv6 by its /64.
//
// - Per account from one address: 10 attempts per 15 minutes, then that
//   account's sign-in pauses there until the window passes (guessing stops
//   being practical).
// - Per account from anywhere: past 100 checked attempts in 15 minutes the
//   account is under attack from many addresses. It is slowed, never closed:
//   an address that has not been guessing on it may still try, three times per
//   network (IPv4 /24, IPv6 /48) per window (a typo or two), and every other
//   address is paused. So its owner, signing in from where they are, still
//   gets in at once, while every three further guesses need a network that has
//   not guessed yet. Refusing the
//   account outright would let anyone who knows a staff email and holds ten
//   addresses keep that person out of their event.
// - Per address: 50 attempts per 10 minutes, so one machine spraying many
//   emails is stopped; a venue's staff behind one NAT sign in a handful of times.
export const STAFF_SIGN_IN_LIMITS = {
  perAccountAndAddress: { points: 10, duration: 15 * 60 },
  perAccount: { points: 100, duration: 15 * 60 },
  perNetworkOverCeiling: { points: 3, duration: 15 * 60 },
  perAddress: { points: 50, duration: 10 * 60 },
} as const;

const perAccountAndAddress = createLimiter({ keyPrefix: "staff-sign-in", ...STAFF_SIGN_IN_LIMITS.perAccountAndAddress });
const perAccount = createLimiter({ keyPrefix: "staff-sign-in-account", ...STAFF_SIGN_IN_LIMITS.perAccount });
const perNetworkOverCeiling = createLimiter({ keyPrefix: "staff-sign-in-network", ...STAFF_SIGN_IN_LIMITS.perNetworkOverCeiling });
const perAddress = createLimiter({ keyPrefix: "staff-sign-in-address", ...STAFF_SIGN_IN_LIMITS.perAddress });

const accountAt = (email: string, address: string) => `${email} ${address}`;
const accountRefusal = (waitMs: number) => `Too many failed attempts for this account. Try again in ${formatWait(waitMs)}.`;

/** Counts one attempt of this account from this address: its number in the window, or the wait when past the limit. */
async function claimFromAddress(email: string, address: string): Promise<{ count: number } | { waitMs: number }> {
  try {
    return { count: (await perAccountAndAddress.consume(accountAt(email, address))).consumedPoints };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { waitMs: Math.max(1_000, error.msBeforeNext) };
    throw error;
  }
}

/** Counts one attempt; null when it may go ahead, otherwise the sentence to show. */
export async function claimSignInAttempt(email: string, address: string): Promise<string | null> {
  const addressWait = await consumeOrWait(perAddress, address);
  if (addressWait) return `Too many sign-in attempts from your network. Try again in ${formatWait(addressWait)}.`;
  // Only attempts that get checked count towards the account's ceiling.
  const fromAddress = await claimFromAddress(email, address);
  if ("waitMs" in fromAddress) return accountRefusal(fromAddress.waitMs);
  const accountWait = await consumeOrWait(perAccount, email);
  if (!accountWait) return null;
  // Over the ceiling: an address past its network's few tries on this account this window is guessing.
  if (fromAddress.count > STAFF_SIGN_IN_LIMITS.perNetworkOverCeiling.points) return accountRefusal(accountWait);
  const networkWait = await consumeOrWait(perNetworkOverCeiling, accountAt(email, networkOf(address)));
  return networkWait ? accountRefusal(Math.min(accountWait, networkWait)) : null;
}

export async function recordSuccessfulSignIn(email: string, address: string) {
  await Promise.all([
    perAccountAndAddress.delete(accountAt(email, address)),
    perNetworkOverCeiling.delete(accountAt(email, networkOf(address))),
    perAccount.reward(email, 1),
    perAddress.reward(address, 1),
  ]);
}
