"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { eventPath } from "@/lib/events/event-paths";
import { findFormEvent } from "@/lib/events/form-event";
import { registerForEvent } from "@/lib/events/register-for-event";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";

const NOT_NOW = "We couldn't add you to this event just now. Please try again in a moment.";

export type JoinEventState = { message?: string };

/**
 * "Join this event": a person already signed in (registered for another event)
 * registers for this one with one click. Staff need no registration, since their
 * roles hold for every event, so they are only sent on to the watch page.
 */
export async function joinEvent(_previous: JoinEventState, formData: FormData): Promise<JoinEventState> {
  return answerDatabaseOutage(() => ({ message: NOT_NOW }), async () => {
    const event = await findFormEvent(formData);
    if (!event) return { message: "This event is no longer open." };
    // Signed out (or the session ended meanwhile): the event's registration page.
    const user = await requireUser(eventPath(event, "/watch"));
    if (user.role === "viewer") await registerForEvent({ eventId: event.id, userId: user.id });
    redirect(eventPath(event, "/watch"));
  });
}
