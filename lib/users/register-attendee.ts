import { db } from "../db";
import { isUniqueViolation } from "../unique-violation";
import type { Registration } from "../validation/registration";

export type RegistrationResult =
  | { outcome: "signed-in"; id: number; name: string; sessionVersion: number; isReturning: boolean }
  /** The email belongs to a staff account: the attendee form must not sign anyone in as them. */
  | { outcome: "staff-account" };

/**
 * Finds or creates the attendee for a validated registration.
 *
 * A known email signs that person back in and keeps the name and phone already
 * on record: the form proves no ownership of the email, so it must not let
 * anyone rename someone else's account or change their phone in the reports.
 * For the same reason a staff email is refused here; staff use /staff.
 *
 * Two simultaneous first registrations of one email race to insert; the unique
 * index on users.email lets exactly one win and the loser reads the winner's row.
 */
export async function registerAttendee(registration: Registration): Promise<RegistrationResult> {
  const existing = await findByEmail(registration.email);
  if (existing) return signInExisting(existing);
  try {
    const created = await db.user.create({
      data: { name: registration.name, email: registration.email, phone: registration.phone },
      select: { id: true, name: true, sessionVersion: true },
    });
    return { outcome: "signed-in", ...created, isReturning: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByEmail(registration.email);
    if (!winner) throw error;
    return signInExisting(winner);
  }
}

function findByEmail(email: string) {
  return db.user.findUnique({ where: { email }, select: { id: true, name: true, role: true, passwordHash: true, sessionVersion: true } });
}

function signInExisting(user: NonNullable<Awaited<ReturnType<typeof findByEmail>>>): RegistrationResult {
  if (user.role !== "viewer" || user.passwordHash) return { outcome: "staff-account" };
  return { outcome: "signed-in", id: user.id, name: user.name, sessionVersion: user.sessionVersion, isReturning: true };
}
