"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { NOT_FOUND, NOT_NOW, SLUG_LOCKED, SLUG_TAKEN } from "@/lib/events/organiser-messages";
import { updateEvent as saveEvent } from "@/lib/events/update-event";
import { publishEventChange } from "@/lib/realtime/event-updates";
import { eventFormSchema, eventFormValues, type EventFormField, type EventFormState } from "@/lib/validation/event-form";
import { parseEventId } from "@/lib/validation/event-id";
import { fieldErrors, formText } from "@/lib/validation/form-state";

/** Admins only: saves the form at /events/<id> (title, link name while nobody registered, stream, times, switches). */
export async function updateEvent(_previous: EventFormState, formData: FormData): Promise<EventFormState> {
  const values = eventFormValues((field) => formText(formData, field));
  return answerDatabaseOutage(() => ({ message: NOT_NOW, values }), async () => {
    await requireRole("/events");
    const eventId = parseEventId(formData.get("eventId"));
    if (!eventId) return { message: NOT_FOUND, values };
    const parsed = eventFormSchema.safeParse(values);
    if (!parsed.success) return { errors: fieldErrors<EventFormField>(parsed.error.issues), values };
    try {
      const result = await saveEvent(eventId, parsed.data);
      if (result.outcome === "not-found") return { message: NOT_FOUND, values };
      if (result.outcome === "slug-taken") return { errors: { slug: SLUG_TAKEN }, values };
      if (result.outcome === "slug-locked") return { errors: { slug: SLUG_LOCKED }, values };
      publishEventChange(result.record);
    } catch (error) {
      console.error("Saving an event failed:", noteDatabaseFailure(error));
      return { message: NOT_NOW, values };
    }
    redirect(`/events/${eventId}?done=saved`);
  });
}
