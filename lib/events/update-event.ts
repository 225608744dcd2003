import { db } from "../db";
import type { EventFields } from "../validation/event-form";
import type { EventRecord } from "./find-event";
import { isUniqueViolation } from "../unique-violation";

export type UpdateEventResult = { outcome: "saved"; record: EventRecord } | { outcome: "not-found" } | { outcome: "slug-taken" } | { outcome: "slug-locked" };

/**
 * Saves the form's fields over event `eventId` (not its state, featured flag or archive).
 * The slug may change only while nobody has registered: their links and QR codes name it.
 * The event's row is locked first, so a registration cannot slip in between the count and the change
 * (a registration's foreign key check waits for the lock).
 */
export async function updateEvent(eventId: number, fields: EventFields): Promise<UpdateEventResult> {
  try {
    return await db.$transaction(async (tx) => {
      const [current] = await tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM events WHERE id = ${eventId} AND archived_at IS NULL FOR UPDATE`;
      if (!current) return { outcome: "not-found" } as const;
      if (fields.slug !== current.slug && (await tx.registration.count({ where: { eventId } })) > 0) return { outcome: "slug-locked" } as const;
      const record = await tx.event.update({ where: { id: eventId }, data: fields });
      return { outcome: "saved", record } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: "slug-taken" };
    throw error;
  }
}
