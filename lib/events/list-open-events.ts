import { db } from "../db";
import type { EventRecord } from "./find-event";

/** The most the home page lists; an organiser running more at once has other problems. */
const LIMIT = 50;

/**
 * What the home page lists when no event is featured: events that are live or
 * still to come (not ended, not archived), live ones first, then by start time.
 * Live events are read first so that a long list of upcoming ones can never
 * push a live event past the limit.
 */
export async function listOpenEvents(): Promise<EventRecord[]> {
  const byStart = [{ startsAt: "asc" as const }, { id: "asc" as const }];
  const live = await db.event.findMany({ where: { archivedAt: null, state: "live" }, orderBy: byStart, take: LIMIT });
  if (live.length >= LIMIT) return live;
  const upcoming = await db.event.findMany({
    where: { archivedAt: null, state: "scheduled" },
    orderBy: byStart,
    take: LIMIT - live.length,
  });
  return [...live, ...upcoming];
}
