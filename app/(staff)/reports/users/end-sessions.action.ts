"use server";

import { z } from "zod";
import { requireRole } from "@/lib/auth";
import { answerDatabaseOutage } from "@/lib/health/answer-database-outage";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import { endAllSessions } from "@/lib/users/sessions";

export type EndSessionsState = { outcome?: "ended" | "failed"; message?: string };

const NOT_NOW = "That did not work just now. Try again in a moment.";

const userIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** Admins only: signs a person out on every device (their open pages go back to sign-in). */
export async function endPersonSessions(_previous: EndSessionsState, formData: FormData): Promise<EndSessionsState> {
  return answerDatabaseOutage(() => ({ outcome: "failed", message: NOT_NOW }), async () => {
    await requireRole("/reports");
    const userId = userIdSchema.safeParse(formData.get("userId"));
    if (!userId.success) return { outcome: "failed", message: "That person could not be found." };
    try {
      if (!(await endAllSessions(userId.data))) return { outcome: "failed", message: "That person could not be found." };
    } catch (error) {
      console.error("Ending a person's sessions failed:", noteDatabaseFailure(error));
      return { outcome: "failed", message: NOT_NOW };
    }
    return { outcome: "ended", message: "Sessions ended: signed out on every device." };
  });
}
