"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { archiveEvent as archive } from "@/lib/events/archive-event";
import { NOT_FOUND, NOT_NOW, type EventActionState } from "@/lib/events/organiser-messages";
import { publishEventChange } from "@/lib/realtime/event-updates";
import { parseEventId } from "@/lib/validation/event-id";

/** Admins only, after a confirmation step: the event leaves every list (its data and reports stay), then the list. */
export async function archiveEvent(_previous: EventActionState, formData: FormData): Promise<EventActionState> {
  return answerDatabaseOutage(() => ({ message: NOT_NOW }), async () => {
    await requireRole("/events");
    const eventId = parseEventId(formData.get("eventId"));
    if (!eventId) return { message: NOT_FOUND };
    try {
      const result = await archive(eventId);
      if (result.outcome === "not-found") return { message: NOT_FOUND };
      publishEventChange(result.record);
    } catch (error) {
      console.error("Archiving an event failed:", noteDatabaseFailure(error));
      return { message: NOT_NOW };
    }
    redirect(`/events?done=archived&event=${eventId}`);
  });
}
