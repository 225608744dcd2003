import { db } from "../db";
import type { ListedEvent } from "./list-events";

/** Event `eventId` as /events shows it (with its registration count), or null when it does not exist or is archived. */
export async function findManagedEvent(eventId: number): Promise<ListedEvent | null> {
  const event = await db.event.findFirst({ where: { id: eventId, archivedAt: null }, include: { _count: { select: { registrations: true } } } });
  if (!event) return null;
  const { _count, ...record } = event;
  return { ...record, registrations: _count.registrations };
}
