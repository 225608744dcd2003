import { containsPattern, type ReportParams } from "./report-params";

// The SQL of one event's three report tables, built once and used both for a page
// (with LIMIT/OFFSET) and for its CSV export (streamed, no limit). Column names
// for ORDER BY come only from these maps, never from the URL. Every query takes
// its event first and reads only that event's rows, through an index that leads
// with event_id, so a small event among many is as fast as a big one alone.

export type ReportQuery = { select: string; count: string; values: unknown[] };

export function searchClause(q: string, columns: string[], join: "WHERE" | "AND") {
  if (!q) return { sql: "", values: [] as string[] };
  const pattern = containsPattern(q);
  return { sql: ` ${join} (${columns.map((column) => `${column} LIKE ?`).join(" OR ")})`, values: columns.map(() => pattern) };
}

export const USER_SORTS = { name: "u.name", email: "u.email", phone: "u.phone", registered: "r.created_at" } as const;
export type UserSort = keyof typeof USER_SORTS;

/**
 * The event's registrations (staff accounts are not registrations). Read from the event's own
 * rows: by Reg Date straight from the (event_id, created_at) index, which stops after a page;
 * by name, email or phone the event's registrations are sorted, work that grows with the event,
 * never with everyone who ever registered for any event.
 */
export function usersQuery(eventId: number, { q, sort, dir }: ReportParams<UserSort>): ReportQuery {
  const search = searchClause(q, ["u.name", "u.email"], "AND");
  const from = `FROM registrations r STRAIGHT_JOIN users u ON u.id = r.user_id WHERE r.event_id = ? AND u.role = 'viewer'${search.sql}`;
  return {
    select: `SELECT u.id, u.name, u.email, u.phone, r.created_at AS registeredAt ${from} ORDER BY ${USER_SORTS[sort]} ${dir}, r.user_id ${dir}`,
    count: `SELECT COUNT(*) AS total ${from}`,
    values: [eventId, ...search.values],
  };
}

export const SESSION_SORTS = { name: "u.name", loginTime: "s.start_time", lastActive: "s.last_ping", minutes: "s.total_minutes" } as const;
export type SessionSort = keyof typeof SESSION_SORTS;

/** One row per viewing session of the event. */
export function sessionsQuery(eventId: number, { q, sort, dir }: ReportParams<SessionSort>): ReportQuery {
  const search = searchClause(q, ["u.name", "u.email"], "AND");
  // The event's sessions first, always: for their own columns in the order of an (event_id, column)
  // index, so a page stops after its rows; by name, the event's sessions are sorted. (Reading people
  // in name order instead would walk everyone who ever registered, to find a small event's few.)
  const from = `FROM session_analytics s STRAIGHT_JOIN users u ON u.id = s.user_id WHERE s.event_id = ?${search.sql}`;
  return {
    select: `SELECT s.id, u.name, u.email, s.start_time AS loginTime, s.last_ping AS lastActive, s.total_minutes AS minutes ${from} ORDER BY ${SESSION_SORTS[sort]} ${dir}, s.id ${dir}`,
    // Every session has its person (foreign key), so without a search the join adds nothing to the count.
    count: search.sql ? `SELECT COUNT(*) AS total ${from}` : "SELECT COUNT(*) AS total FROM session_analytics WHERE event_id = ?",
    values: [eventId, ...search.values],
  };
}

export const PEOPLE_SORTS = { name: "u.name", sessions: "a.sessions", firstJoin: "a.firstJoin", lastActive: "a.lastActive", minutes: "a.minutes" } as const;
export type PersonSort = keyof typeof PEOPLE_SORTS;

/** One row per person who watched the event: their sessions added up (an index-only scan of the event's part of the covering index). */
export function peopleQuery(eventId: number, { q, sort, dir }: ReportParams<PersonSort>): ReportQuery {
  const search = searchClause(q, ["u.name", "u.email"], "WHERE");
  const from = `FROM (
      SELECT user_id, COUNT(*) AS sessions, MIN(start_time) AS firstJoin, MAX(last_ping) AS lastActive, SUM(total_minutes) AS minutes
      FROM session_analytics WHERE event_id = ? GROUP BY user_id
    ) a JOIN users u ON u.id = a.user_id${search.sql}`;
  return {
    select: `SELECT u.id, u.name, u.email, a.sessions, a.firstJoin, a.lastActive, a.minutes ${from} ORDER BY ${PEOPLE_SORTS[sort]} ${dir}, u.id ${dir}`,
    count: search.sql ? `SELECT COUNT(*) AS total ${from}` : "SELECT COUNT(DISTINCT user_id) AS total FROM session_analytics WHERE event_id = ?",
    values: [eventId, ...search.values],
  };
}
