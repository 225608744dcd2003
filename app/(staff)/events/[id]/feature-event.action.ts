"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { featureEvent as feature } from "@/lib/events/feature-event";
import { NOT_FOUND, NOT_NOW, type EventActionState } from "@/lib/events/organiser-messages";
import { publishEventChange } from "@/lib/realtime/event-updates";
import { parseEventId } from "@/lib/validation/event-id";

/** Admins only: makes this the event the seed's routes (/, /watch, /mod, /speaker, /reports) serve; the old one is unfeatured. */
export async function featureEvent(_previous: EventActionState, formData: FormData): Promise<EventActionState> {
  return answerDatabaseOutage(() => ({ message: NOT_NOW }), async () => {
    await requireRole("/events");
    const eventId = parseEventId(formData.get("eventId"));
    if (!eventId) return { message: NOT_FOUND };
    try {
      const result = await feature(eventId);
      if (result.outcome === "not-found") return { message: NOT_FOUND };
      // The old one first: its pages learn they are no longer at the seed's routes before the new one claims them.
      for (const record of result.unfeatured) publishEventChange(record);
      publishEventChange(result.record);
    } catch (error) {
      console.error("Featuring an event failed:", noteDatabaseFailure(error));
      return { message: NOT_NOW };
    }
    redirect(`/events/${eventId}?done=featured`);
  });
}
