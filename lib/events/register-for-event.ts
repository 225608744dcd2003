import { db } from "../db";

// A person's registration for one event: the row that lets a viewer into the
// event's live room, and whose created_at is the reports' "Reg Date".

/**
 * Registers the person for the event. Registering twice (a second tab, a returning
 * attendee) keeps the first row and its date: INSERT IGNORE on the (event, user) key.
 */
export async function registerForEvent({ eventId, userId }: { eventId: number; userId: number }): Promise<void> {
  await db.$executeRaw`INSERT IGNORE INTO registrations (event_id, user_id) VALUES (${eventId}, ${userId})`;
}

export async function isRegisteredFor({ eventId, userId }: { eventId: number; userId: number }): Promise<boolean> {
  const row = await db.registration.findUnique({ where: { eventId_userId: { eventId, userId } }, select: { userId: true } });
  return row !== null;
}
