import { db } from "../db";
import type { EventRecord } from "./find-event";
import { isUniqueViolation } from "../unique-violation";

export type FeatureEventResult = { outcome: "featured"; record: EventRecord; unfeatured: EventRecord[] } | { outcome: "not-found" };

/**
 * Makes event `eventId` the one the seed's routes (/, /watch, /mod, /speaker, /reports) serve.
 * The old one is unfeatured in the same transaction; the unique index on is_featured (true or NULL)
 * holds "at most one" whatever happens. Organisers clicking at once are served one after the other:
 * each transaction first locks every event row, in id order (a few hundred rows at most, a rare click),
 * so the next one reads the featured event the previous one left, instead of a stale one whose
 * unfeaturing would collide with the index. A unique violation that still slips through is retried.
 */
export async function featureEvent(eventId: number, attempts = 2): Promise<FeatureEventResult> {
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM events ORDER BY id FOR UPDATE`;
      const target = await tx.event.findFirst({ where: { id: eventId, archivedAt: null } });
      if (!target) return { outcome: "not-found" } as const;
      const previous = await tx.event.findMany({ where: { isFeatured: true, id: { not: eventId } } });
      await tx.event.updateMany({ where: { id: { in: previous.map((event) => event.id) } }, data: { isFeatured: null } });
      const record = await tx.event.update({ where: { id: eventId }, data: { isFeatured: true } });
      return { outcome: "featured", record, unfeatured: previous.map((event) => ({ ...event, isFeatured: null })) } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error) && attempts > 1) return featureEvent(eventId, attempts - 1);
    throw error;
  }
}
