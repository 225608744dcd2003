import { db } from "../db";
import type { EventState } from "../generated/prisma/enums";
import type { EventRecord } from "./find-event";

// An event only moves forward, and only when the organiser says so (Go live, End event):
// scheduled → live → ended. The clock never moves it.
const PREVIOUS: Partial<Record<EventState, EventState>> = { live: "scheduled", ended: "live" };

export type ChangeEventStateResult = { outcome: "changed"; record: EventRecord } | { outcome: "not-found" } | { outcome: "refused"; current: EventState };

/** Moves event `eventId` to `to` when it is in the state just before it; anything else changes nothing. */
export async function changeEventState(eventId: number, to: EventState): Promise<ChangeEventStateResult> {
  const from = PREVIOUS[to];
  // One conditional UPDATE: two organisers clicking at once cannot both move it.
  const { count } = from ? await db.event.updateMany({ where: { id: eventId, state: from, archivedAt: null }, data: { state: to } }) : { count: 0 };
  const record = await db.event.findUnique({ where: { id: eventId } });
  if (!record || record.archivedAt) return { outcome: "not-found" };
  return count === 1 ? { outcome: "changed", record } : { outcome: "refused", current: record.state };
}
