import { db } from "../db";
import type { EventFields } from "../validation/event-form";
import type { EventRecord } from "./find-event";
import { isUniqueViolation } from "../unique-violation";

export type CreateEventResult = { outcome: "created"; record: EventRecord } | { outcome: "slug-taken" };

/** A new event: scheduled, not featured, until the organiser says otherwise. */
export async function createEvent(fields: EventFields): Promise<CreateEventResult> {
  try {
    const record = await db.event.create({ data: { ...fields, state: "scheduled", isFeatured: null } });
    return { outcome: "created", record };
  } catch (error) {
    // The only unique index a new, unfeatured event can meet is the slug's.
    if (isUniqueViolation(error)) return { outcome: "slug-taken" };
    throw error;
  }
}
