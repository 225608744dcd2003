"use server";

import { redirect } from "next/navigation";
import { canOpen, homeFor, isArea } from "@/lib/access";
import { getSession } from "@/lib/session";
import { authenticateStaff } from "@/lib/users/authenticate-staff";
import { passwordStamp } from "@/lib/users/password-stamp";
import { clearFailedSignIns, minutesUntilRetry, recordFailedSignIn } from "@/lib/users/sign-in-attempts";
import { fieldErrors, type FormState } from "@/lib/validation/form-state";
import { safeNextPath } from "@/lib/validation/next-path";
import { staffSignInSchema } from "@/lib/validation/staff-sign-in";

export type StaffSignInState = FormState<"email" | "password">;

export async function signInStaff(_previous: StaffSignInState, formData: FormData): Promise<StaffSignInState> {
  const values = { email: String(formData.get("email") ?? ""), password: String(formData.get("password") ?? "") };
  const parsed = staffSignInSchema.safeParse(values);
  // The password is never sent back to the browser.
  const kept = { email: values.email };
  if (!parsed.success) return { errors: fieldErrors(parsed.error.issues), values: kept };
  const { email, password } = parsed.data;

  let destination: string;
  try {
    const wait = await minutesUntilRetry(email);
    if (wait) return { message: `Too many failed attempts for this account. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`, values: kept };
    const staff = await authenticateStaff(email, password);
    if (!staff) {
      await recordFailedSignIn(email);
      return { message: "That email and password don't match a staff account.", values: kept };
    }
    await clearFailedSignIns(email);
    const session = await getSession();
    session.userId = staff.id;
    session.isStaffSignIn = true;
    session.passwordStamp = passwordStamp(staff.passwordHash);
    await session.save();
    // The requested page if this role may open it, else the role's own home.
    const next = safeNextPath(formData.get("next"));
    destination = isArea(next) && canOpen(staff.role, next) ? next : homeFor(staff.role);
  } catch (error) {
    console.error("Staff sign-in failed:", error);
    return { message: "Signing in failed on our side. Please try again in a moment.", values: kept };
  }
  redirect(destination);
}
