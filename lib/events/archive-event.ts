import { db } from "../db";
import type { EventRecord } from "./find-event";

export type ArchiveEventResult = { outcome: "archived"; record: EventRecord } | { outcome: "not-found" };

/**
 * Archives event `eventId`: it keeps every row (registrations, chat, questions, watch time, so its
 * reports stay), leaves every list, and its attendee pages answer 404. It stops being featured too.
 */
export async function archiveEvent(eventId: number): Promise<ArchiveEventResult> {
  const { count } = await db.event.updateMany({ where: { id: eventId, archivedAt: null }, data: { archivedAt: new Date(), isFeatured: null } });
  if (count === 0) return { outcome: "not-found" };
  return { outcome: "archived", record: await db.event.findUniqueOrThrow({ where: { id: eventId } }) };
}
