"use server";

import { redirect } from "next/navigation";
import { areaOfPath, canOpen, homeFor } from "@/lib/access";
import { isDatabaseDown } from "@/lib/health/database-health";
import { getClientAddress, getSession } from "@/lib/session";
import { STAFF_SESSION_TTL_SECONDS } from "@/lib/session-options";
import { authenticateStaff } from "@/lib/users/authenticate-staff";
import { passwordStamp } from "@/lib/users/password-stamp";
import { newSessionId } from "@/lib/users/sessions";
import { claimSignInAttempt, recordSuccessfulSignIn } from "@/lib/users/sign-in-attempts";
import { fieldErrors, formText, type FormState } from "@/lib/validation/form-state";
import { safeNextPath } from "@/lib/validation/next-path";
import { staffSignInSchema } from "@/lib/validation/staff-sign-in";

const NOT_NOW = "Signing in failed on our side. Please try again in a moment.";

export type StaffSignInState = FormState<"email" | "password">;

export async function signInStaff(_previous: StaffSignInState, formData: FormData): Promise<StaffSignInState> {
  const values = { email: formText(formData, "email"), password: formText(formData, "password") };
  const parsed = staffSignInSchema.safeParse(values);
  // The password is never sent back to the browser.
  const kept = { email: values.email };
  if (!parsed.success) return { errors: fieldErrors(parsed.error.issues), values: kept };
  const { email, password } = parsed.data;

  let destination: string;
  // While the database is known to be away, say so at once instead of after the pool's 2 s wait.
  if (isDatabaseDown()) return { message: NOT_NOW, values: kept };
  try {
    // Counted before the password is checked: of attempts sent at once, no more than the limit are tried.
    const address = await getClientAddress();
    const refusal = await claimSignInAttempt(email, address);
    if (refusal) return { message: refusal, values: kept };
    const staff = await authenticateStaff(email, password);
    if (!staff) return { message: "That email and password don't match a staff account.", values: kept };
    await recordSuccessfulSignIn(email, address);
    const session = await getSession(STAFF_SESSION_TTL_SECONDS);
    session.userId = staff.id;
    session.isStaffSignIn = true;
    session.passwordStamp = passwordStamp(staff.passwordHash);
    session.sessionId = newSessionId();
    session.version = staff.sessionVersion;
    session.expiresAt = Date.now() + STAFF_SESSION_TTL_SECONDS * 1_000;
    await session.save();
    // The requested page (an area, or the same area of one event: /e/<slug>/mod) if this role may
    // open it, else the role's own home. safeNextPath keeps it a path on this site.
    const next = safeNextPath(formData.get("next"));
    const area = areaOfPath(next?.split("?")[0]);
    destination = next && area && canOpen(staff.role, area) ? next : homeFor(staff.role);
  } catch (error) {
    console.error("Staff sign-in failed:", error);
    return { message: NOT_NOW, values: kept };
  }
  redirect(destination);
}
