"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { duplicateEvent as copyEvent } from "@/lib/events/duplicate-event";
import { NOT_FOUND, NOT_NOW, type EventActionState } from "@/lib/events/organiser-messages";
import { publishEventChange } from "@/lib/realtime/event-updates";
import { parseEventId } from "@/lib/validation/event-id";

/** Admins only: a scheduled copy of the event under a free link name, then the copy's page to adjust it. */
export async function duplicateEvent(_previous: EventActionState, formData: FormData): Promise<EventActionState> {
  return answerDatabaseOutage(() => ({ message: NOT_NOW }), async () => {
    await requireRole("/events");
    const eventId = parseEventId(formData.get("eventId"));
    if (!eventId) return { message: NOT_FOUND };
    let copyId: number;
    try {
      const result = await copyEvent(eventId);
      if (result.outcome === "not-found") return { message: NOT_FOUND };
      publishEventChange(result.record);
      copyId = result.record.id;
    } catch (error) {
      console.error("Duplicating an event failed:", noteDatabaseFailure(error));
      return { message: NOT_NOW };
    }
    redirect(`/events/${copyId}?done=duplicated`);
  });
}
