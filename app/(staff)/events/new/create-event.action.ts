"use server";

import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { createEvent as insertEvent } from "@/lib/events/create-event";
import { NOT_NOW, SLUG_TAKEN } from "@/lib/events/organiser-messages";
import { publishEventChange } from "@/lib/realtime/event-updates";
import { eventFormSchema, eventFormValues, type EventFormField, type EventFormState } from "@/lib/validation/event-form";
import { fieldErrors, formText } from "@/lib/validation/form-state";

/** Admins only: a new scheduled event from the form at /events/new, then its page. */
export async function createEvent(_previous: EventFormState, formData: FormData): Promise<EventFormState> {
  const values = eventFormValues((field) => formText(formData, field));
  return answerDatabaseOutage(() => ({ message: NOT_NOW, values }), async () => {
    await requireRole("/events");
    const parsed = eventFormSchema.safeParse(values);
    if (!parsed.success) return { errors: fieldErrors<EventFormField>(parsed.error.issues), values };
    let eventId: number;
    try {
      const result = await insertEvent(parsed.data);
      if (result.outcome === "slug-taken") return { errors: { slug: SLUG_TAKEN }, values };
      publishEventChange(result.record);
      eventId = result.record.id;
    } catch (error) {
      console.error("Creating an event failed:", noteDatabaseFailure(error));
      return { message: NOT_NOW, values };
    }
    redirect(`/events/${eventId}?done=created`);
  });
}
