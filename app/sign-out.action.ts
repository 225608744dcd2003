"use server";

import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth";
import { getSession } from "@/lib/session";
import { endSession } from "@/lib/users/sessions";

export async function signOut() {
  const user = await getCurrentUser().catch(() => null);
  const session = await getSession();
  const signedOut = { ...session };
  session.destroy();
  // Server-side too: a copy of this cookie (a stolen one, another tab's) stops working now.
  if (user) {
    try {
      await endSession(signedOut, user.id);
    } catch (error) {
      // The cookie is gone from this browser; with the database away, copies stay valid until they expire.
      console.error("Ending the session at sign-out failed:", error);
    }
  }
  redirect("/?reason=signed-out");
}
