"use server";

import { redirect } from "next/navigation";
import { getSession } from "@/lib/session";
import { registerAttendee } from "@/lib/users/register-attendee";
import { fieldErrors, type FormState } from "@/lib/validation/form-state";
import { registrationSchema, type RegistrationField } from "@/lib/validation/registration";

export type RegisterState = FormState<RegistrationField>;

export async function register(_previous: RegisterState, formData: FormData): Promise<RegisterState> {
  const values = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    phone: String(formData.get("phone") ?? ""),
  };
  const parsed = registrationSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors<RegistrationField>(parsed.error.issues), values };

  try {
    const result = await registerAttendee(parsed.data);
    if (result.outcome === "staff-account") {
      return { errors: { email: "This email belongs to a staff account. Staff sign in at /staff." }, values };
    }
    const session = await getSession();
    session.userId = result.id;
    session.isStaffSignIn = false;
    delete session.passwordStamp;
    await session.save();
  } catch (error) {
    console.error("Registration failed:", error);
    return { message: "We couldn't register you just now. Please try again in a moment.", values };
  }
  redirect("/watch");
}
