"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { getSession } from "@/lib/session";
import { endSession } from "@/lib/users/sessions";

const NOT_NOW = "We couldn't sign you out just now, so you are still signed in. Please try again in a moment.";

export type SignOutState = { message?: string };

/**
 * Sign-out is reported only once it is recorded on the server, so that every
 * copy of this cookie (a stolen one, another tab's) stops working with it.
 * When that cannot be recorded (the database is away), the cookie stays and
 * the person is told to try again: clearing it alone would say "signed out"
 * while the copies still open every page.
 */
export async function signOut(_previous: SignOutState): Promise<SignOutState> {
  return answerDatabaseOutage(() => ({ message: NOT_NOW }), async () => {
    const session = await getSession();
    // A cookie that no longer stands for anyone (signed out elsewhere, ended by an admin) has nothing to revoke.
    const user = await getCurrentUser();
    try {
      if (user) await endSession({ ...session }, user.id);
    } catch (error) {
      console.error("Ending the session at sign-out failed:", noteDatabaseFailure(error));
      return { message: NOT_NOW };
    }
    session.destroy();
    redirect("/?reason=signed-out");
  });
}
