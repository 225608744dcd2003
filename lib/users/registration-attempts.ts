import { consumeOrWait, createLimiter, formatWait } from "../create-limiter";

// Registrations (and attendees signing back in at /), counted per address and
// per email once the form is valid. In Redis when REDIS_URL is set.
//
// - Per address: 1,000 per 10 minutes. A venue puts its whole audience behind
//   one address (conference Wi-Fi, an office NAT) and most register in the few
//   minutes before the talk: a 1,000-seat hall fits. A script registering as
//   fast as it can (about 70 a second on the test machine) is stopped within 15 s.
// - Per email: 20 per 10 minutes: signing back in on a few devices, or after
//   clearing cookies, never meets it; hammering one account does.
export const REGISTRATION_LIMITS = {
  perAddress: { points: 1_000, duration: 10 * 60 },
  perEmail: { points: 20, duration: 10 * 60 },
} as const;

const perAddress = createLimiter({ keyPrefix: "register-address", ...REGISTRATION_LIMITS.perAddress });
const perEmail = createLimiter({ keyPrefix: "register-email", ...REGISTRATION_LIMITS.perEmail });

/** Counts one registration; null when it may go ahead, otherwise the sentence to show. */
export async function claimRegistration(email: string, address: string): Promise<string | null> {
  const addressWait = await consumeOrWait(perAddress, address);
  if (addressWait) return `Too many registrations from your network right now. Try again in ${formatWait(addressWait)}.`;
  const emailWait = await consumeOrWait(perEmail, email);
  if (emailWait) return `Too many sign-ins for this email. Try again in ${formatWait(emailWait)}.`;
  return null;
}
