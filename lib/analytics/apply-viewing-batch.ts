import { randomBytes } from "node:crypto";
import type { Pool } from "mariadb";
import { toSqlTime } from "../sql-time";
import { creditableUntil, INTERVAL_SLACK, resumableSince } from "./heartbeat-rules";

/**
 * One person's events in one event's room in a batch: when they first showed up in it, and their
 * latest heartbeat (if any). The latest, because an early heartbeat from one
 * tab must not hide a creditable one from another tab in the same batch; the
 * batch window (under 40% of an interval) never holds two creditable ones.
 */
export type ViewingEntry = { eventId: number; userId: number; firstAt: Date; lastPingAt: Date | null };
/** After the batch: the open session's total, and whether this batch credited its last minute. Keyed by viewingKey. */
export type ViewingResult = { totalMinutes: number; isCredited: boolean };

// The batch travels as one JSON parameter, read by JSON_TABLE, so every
// statement is the same text whatever the batch size.
const BATCH = `JSON_TABLE(?, '$[*]' COLUMNS (
  event_id INT PATH '$[0]', user_id INT PATH '$[1]', first_at DATETIME(3) PATH '$[2]', stale_before DATETIME(3) PATH '$[3]',
  ping_at DATETIME(3) PATH '$[4]', creditable_until DATETIME(3) PATH '$[5]')) AS b`;
// A viewing session is one person's in one event: two events watched at once are two sessions.
const SAME_SESSION = "b.user_id = s.user_id AND b.event_id = s.event_id";

/** An entry's key in a batch and in its results. */
export const viewingKey = (eventId: number, userId: number) => `${eventId}:${userId}`;

// 1. A session whose last credited heartbeat is more than 5 minutes before the person's event has ended.
const END_QUIET_SESSIONS = `UPDATE session_analytics s JOIN ${BATCH} ON ${SAME_SESSION}
  SET s.is_open = NULL WHERE s.is_open = true AND s.last_ping < b.stale_before`;
// 2. Whoever has no open session in the event gets one, starting at their first event. The unique
//    (user_id, event_id, is_open) makes a concurrent batch (another process) that opened it first win.
const OPEN_SESSIONS = `INSERT IGNORE INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes, is_open)
  SELECT b.event_id, b.user_id, b.first_at, b.first_at, 0, true FROM ${BATCH}
  WHERE NOT EXISTS (SELECT 1 FROM session_analytics s WHERE ${SAME_SESSION} AND s.is_open = true)`;
// 3. Rules 1 and 2 of heartbeat-rules.ts, in one conditional UPDATE: the database is the
//    arbiter, so heartbeats from several tabs and processes credit one minute per interval.
const CREDIT_MINUTES = `UPDATE session_analytics s JOIN ${BATCH} ON ${SAME_SESSION}
  SET s.total_minutes = s.total_minutes + 1, s.last_ping = b.ping_at, s.credit_batch = ?
  WHERE s.is_open = true AND b.ping_at IS NOT NULL AND s.last_ping <= b.creditable_until
    AND s.total_minutes <= FLOOR(TIMESTAMPDIFF(MICROSECOND, s.start_time, b.ping_at) / ? + ?) - 1`;
// 4. What each heartbeat's acknowledgement reports.
const READ_TOTALS = `SELECT s.event_id AS eventId, s.user_id AS userId, s.total_minutes AS totalMinutes, s.credit_batch <=> ? AS isCredited
  FROM session_analytics s JOIN ${BATCH} ON ${SAME_SESSION} WHERE s.is_open = true AND b.ping_at IS NOT NULL`;

/**
 * Applies one batch of joins and heartbeats in at most four statements,
 * whatever its size. Returns the open session of everyone who sent a heartbeat.
 */
export async function applyViewingBatch(pool: Pool, entries: ViewingEntry[], intervalSeconds: number): Promise<Map<string, ViewingResult>> {
  const results = new Map<string, ViewingResult>();
  if (!entries.length) return results;
  const batch = JSON.stringify(
    entries.map(({ eventId, userId, firstAt, lastPingAt }) => [
      eventId,
      userId,
      toSqlTime(firstAt),
      toSqlTime(resumableSince(firstAt)),
      lastPingAt && toSqlTime(lastPingAt),
      lastPingAt && toSqlTime(creditableUntil(lastPingAt, intervalSeconds)),
    ]),
  );
  await pool.query(END_QUIET_SESSIONS, [batch]);
  await pool.query(OPEN_SESSIONS, [batch]);
  if (!entries.some((entry) => entry.lastPingAt)) return results;
  // Names this batch in the rows it credits: another process's batch may credit the same person at the same millisecond.
  const batchId = randomBytes(12).toString("base64url");
  await pool.query(CREDIT_MINUTES, [batch, batchId, intervalSeconds * 1_000_000, INTERVAL_SLACK]);
  const rows: { eventId: number; userId: number; totalMinutes: number; isCredited: number }[] = await pool.query(READ_TOTALS, [batchId, batch]);
  for (const { eventId, userId, totalMinutes, isCredited } of rows) results.set(viewingKey(eventId, userId), { totalMinutes, isCredited: isCredited === 1 });
  return results;
}
