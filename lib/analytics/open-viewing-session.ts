import { db } from "../db";
import { resumableSince } from "./heartbeat-rules";
import { withUserLock } from "./user-lock";

/** The person's current viewing session: resumed if pinged in the last 5 minutes, else a new row starting now. */
export function openViewingSession(userId: number, now = new Date()) {
  return withUserLock(userId, async () => {
    const current = await db.sessionAnalytics.findFirst({
      where: { userId, lastPing: { gte: resumableSince(now) } },
      orderBy: { lastPing: "desc" },
    });
    return current ?? db.sessionAnalytics.create({ data: { userId, startTime: now, lastPing: now, totalMinutes: 0 } });
  });
}
