import { db } from "../db";
import type { EventState } from "../generated/prisma/enums";
import type { EventRecord } from "./find-event";

export type ListedEvent = EventRecord & { registrations: number };

// Live first (what needs the organiser now), then upcoming from the soonest, then ended from the latest.
const STATE_ORDER: Record<EventState, number> = { live: 0, scheduled: 1, ended: 2 };

/** Every event that is not archived, with its registration count, in the order an organiser reads them. */
export async function listEvents(): Promise<ListedEvent[]> {
  const events = await db.event.findMany({ where: { archivedAt: null }, include: { _count: { select: { registrations: true } } } });
  return events
    .map(({ _count, ...event }) => ({ ...event, registrations: _count.registrations }))
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.state === "ended" ? -1 : 1) * (a.startsAt.getTime() - b.startsAt.getTime()) || a.id - b.id);
}
