import { db } from "../db";
import type { EventRecord } from "./find-event";

/** The most the home page lists; an organiser running more at once has other problems. */
const LIMIT = 50;

/**
 * What the home page lists when no event is featured: events that are live or
 * still to come (not ended, not archived), live ones first, then by start time.
 */
export async function listOpenEvents(): Promise<EventRecord[]> {
  const events = await db.event.findMany({
    where: { archivedAt: null, state: { in: ["live", "scheduled"] } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: LIMIT,
  });
  return events.sort((a, b) => Number(b.state === "live") - Number(a.state === "live"));
}
