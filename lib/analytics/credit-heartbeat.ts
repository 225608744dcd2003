import { db } from "../db";
import { creditableUntil, maxMinutesBeforeCredit } from "./heartbeat-rules";
import { openViewingSession } from "./open-viewing-session";

/**
 * Handles one heartbeat: finds (or opens) the person's viewing session and adds
 * a minute when the rules in heartbeat-rules.ts allow it. The check and the
 * increment are one conditional UPDATE, so concurrent heartbeats from several
 * tabs credit at most one of them.
 */
export async function creditHeartbeat(userId: number, intervalSeconds: number, now = new Date()) {
  const session = await openViewingSession(userId, now);
  const { count } = await db.sessionAnalytics.updateMany({
    where: {
      id: session.id,
      lastPing: { lte: creditableUntil(now, intervalSeconds) },
      totalMinutes: { lte: maxMinutesBeforeCredit(session.startTime, now, intervalSeconds) },
    },
    data: { lastPing: now, totalMinutes: { increment: 1 } },
  });
  // Credited: no other heartbeat can have counted in between (it would have moved last_ping and
  // failed this UPDATE's condition), so the total is the one read plus this minute. Refused: another
  // tab may just have counted, so read the current total.
  const totalMinutes =
    count === 1 ? session.totalMinutes + 1 : (await db.sessionAnalytics.findUniqueOrThrow({ where: { id: session.id }, select: { totalMinutes: true } })).totalMinutes;
  return { sessionId: session.id, totalMinutes, isCredited: count === 1 };
}
