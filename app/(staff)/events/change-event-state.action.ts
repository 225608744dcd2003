"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { changeEventState as moveEventState } from "@/lib/events/change-event-state";
import { NOT_FOUND, NOT_NOW, stateRefusal, type EventActionState } from "@/lib/events/organiser-messages";
import { publishEventChange } from "@/lib/realtime/event-updates";
import { parseEventId } from "@/lib/validation/event-id";
import { z } from "@/lib/validation/zod";

const targetSchema = z.enum(["live", "ended"]);

/** Admins only: Go live (scheduled → live) or End event (live → ended), from the list or the event's page. */
export async function changeEventState(_previous: EventActionState, formData: FormData): Promise<EventActionState> {
  return answerDatabaseOutage(() => ({ message: NOT_NOW }), async () => {
    await requireRole("/events");
    const eventId = parseEventId(formData.get("eventId"));
    const to = targetSchema.safeParse(formData.get("to"));
    if (!eventId || !to.success) return { message: NOT_FOUND };
    try {
      const result = await moveEventState(eventId, to.data);
      if (result.outcome === "not-found") return { message: NOT_FOUND };
      if (result.outcome === "refused") return { message: stateRefusal(result.current) };
      publishEventChange(result.record);
    } catch (error) {
      console.error("Changing an event's state failed:", noteDatabaseFailure(error));
      return { message: NOT_NOW };
    }
    // Back where the button was: the list stays the list.
    redirect(formData.get("from") === "list" ? `/events?done=${to.data}&event=${eventId}` : `/events/${eventId}?done=${to.data}`);
  });
}
