"use server";

import { redirect } from "next/navigation";
import { eventPath } from "@/lib/events/event-paths";
import { findFormEvent } from "@/lib/events/form-event";
import { registerForEvent } from "@/lib/events/register-for-event";
import { isDatabaseDown } from "@/lib/health/database-health";
import { getClientAddress, getSession } from "@/lib/session";
import { claimRegistration } from "@/lib/users/registration-attempts";
import { registerAttendee } from "@/lib/users/register-attendee";
import { newSessionId } from "@/lib/users/sessions";
import { fieldErrors, formText, type FormState } from "@/lib/validation/form-state";
import { registrationSchema, type RegistrationField } from "@/lib/validation/registration";

const NOT_NOW = "We couldn't register you just now. Please try again in a moment.";
const GONE = "This event is no longer open for registration.";

export type RegisterState = FormState<RegistrationField>;

export async function register(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const values = {
    name: formText(formData, "name"),
    email: formText(formData, "email"),
    phone: formText(formData, "phone"),
  };
  const parsed = registrationSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors<RegistrationField>(parsed.error.issues), values };

  // While the database is known to be away, say so at once instead of after the pool's 2 s wait.
  if (isDatabaseDown()) return { message: NOT_NOW, values };
  let destination: string;
  try {
    // The event whose page the form is on (the featured one at /).
    const event = await findFormEvent(formData);
    if (!event) return { message: GONE, values };
    const refusal = await claimRegistration(parsed.data.email, await getClientAddress());
    if (refusal) return { message: refusal, values };
    const result = await registerAttendee(parsed.data);
    if (result.outcome === "staff-account") {
      return { errors: { email: "This email belongs to a staff account. Staff sign in at /staff." }, values };
    }
    // One row per person per event; a returning attendee keeps the date they first registered.
    await registerForEvent({ eventId: event.id, userId: result.id });
    destination = eventPath(event, "/watch");
    const session = await getSession();
    session.userId = result.id;
    session.isStaffSignIn = false;
    session.sessionId = newSessionId();
    session.version = result.sessionVersion;
    delete session.passwordStamp;
    await session.save();
  } catch (error) {
    console.error("Registration failed:", error);
    return { message: NOT_NOW, values };
  }
  redirect(destination);
}
