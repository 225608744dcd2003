// Watch-time rules, as pure functions (unit-tested in test/unit/heartbeat-rules.test.ts;
// credit-heartbeat.ts turns them into one conditional UPDATE).
//
// - A viewing session is one session_analytics row. Joining opens a new row
//   unless the person has a row pinged in the last 5 minutes, which is resumed.
// - Each accepted heartbeat adds exactly one minute, for the person as a whole
//   (two tabs, reconnects or a scripted flood still earn one minute per interval):
//   1. at least 90% of an interval since the last accepted heartbeat: the 10%
//      slack absorbs timer jitter, so an honest tab is never refused;
//   2. never more minutes than whole intervals since the session started (plus
//      the same slack): pinging every 0.9 interval cannot pile the slack up.

export const SESSION_GAP_MS = 5 * 60_000;
export const INTERVAL_SLACK = 0.1;

/** A row whose last ping is at least this recent is resumed instead of opening a new one. */
export function resumableSince(now: Date): Date {
  return new Date(now.getTime() - SESSION_GAP_MS);
}

/** Rule 1: a heartbeat is credited only when the last accepted one is at or before this time. */
export function creditableUntil(now: Date, intervalSeconds: number): Date {
  return new Date(now.getTime() - intervalSeconds * 1000 * (1 - INTERVAL_SLACK));
}

/** Rule 2: the most minutes a session may already hold for one more to be credited now. */
export function maxMinutesBeforeCredit(startTime: Date, now: Date, intervalSeconds: number): number {
  return Math.floor((now.getTime() - startTime.getTime()) / (intervalSeconds * 1000) + INTERVAL_SLACK) - 1;
}

export function isCreditable(session: { startTime: Date; lastPing: Date; totalMinutes: number }, now: Date, intervalSeconds: number): boolean {
  return session.lastPing.getTime() <= creditableUntil(now, intervalSeconds).getTime() && session.totalMinutes <= maxMinutesBeforeCredit(session.startTime, now, intervalSeconds);
}
