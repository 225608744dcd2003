import { containsPattern, type ReportParams } from "./report-params";

// The SQL of the three report tables, built once and used both for a page
// (with LIMIT/OFFSET) and for its CSV export (streamed, no limit). Column names
// for ORDER BY come only from these maps, never from the URL.

export type ReportQuery = { select: string; count: string; values: unknown[] };

function searchClause(q: string, columns: string[], join: "WHERE" | "AND") {
  if (!q) return { sql: "", values: [] as string[] };
  const pattern = containsPattern(q);
  return { sql: ` ${join} (${columns.map((column) => `${column} LIKE ?`).join(" OR ")})`, values: columns.map(() => pattern) };
}

export const USER_SORTS = { name: "u.name", email: "u.email", phone: "u.phone", registered: "u.created_at" } as const;
export type UserSort = keyof typeof USER_SORTS;

/** Registered attendees (staff accounts are not registrations). */
export function usersQuery({ q, sort, dir }: ReportParams<UserSort>): ReportQuery {
  const search = searchClause(q, ["u.name", "u.email"], "AND");
  const where = `FROM users u WHERE u.role = 'viewer'${search.sql}`;
  return {
    select: `SELECT u.id, u.name, u.email, u.phone, u.created_at AS registeredAt ${where} ORDER BY ${USER_SORTS[sort]} ${dir}, u.id ${dir}`,
    count: `SELECT COUNT(*) AS total ${where}`,
    values: search.values,
  };
}

export const SESSION_SORTS = { name: "u.name", loginTime: "s.start_time", lastActive: "s.last_ping", minutes: "s.total_minutes" } as const;
export type SessionSort = keyof typeof SESSION_SORTS;

/** One row per viewing session. */
export function sessionsQuery({ q, sort, dir }: ReportParams<SessionSort>): ReportQuery {
  const search = searchClause(q, ["u.name", "u.email"], "WHERE");
  // Read in the order of the sort column's index, so a page stops after its rows instead of sorting
  // every session: sessions first for their own columns, people first for the name.
  const from =
    sort === "name"
      ? `FROM users u STRAIGHT_JOIN session_analytics s ON s.user_id = u.id${search.sql}`
      : `FROM session_analytics s STRAIGHT_JOIN users u ON u.id = s.user_id${search.sql}`;
  return {
    // By name, ties break on the person (the name index holds the id), never on a column of the second
    // table, which would force a sort of every row; one person's sessions follow in index order.
    select: `SELECT s.id, u.name, u.email, s.start_time AS loginTime, s.last_ping AS lastActive, s.total_minutes AS minutes ${from} ORDER BY ${SESSION_SORTS[sort]} ${dir}, ${sort === "name" ? "u.id" : "s.id"} ${dir}`,
    // Every session has its person (foreign key), so without a search the join adds nothing to the count.
    count: search.sql ? `SELECT COUNT(*) AS total ${from}` : "SELECT COUNT(*) AS total FROM session_analytics",
    values: search.values,
  };
}

export const PEOPLE_SORTS = { name: "u.name", sessions: "a.sessions", firstJoin: "a.firstJoin", lastActive: "a.lastActive", minutes: "a.minutes" } as const;
export type PersonSort = keyof typeof PEOPLE_SORTS;

/** One row per person who watched: their sessions added up (an index-only scan of the covering index). */
export function peopleQuery({ q, sort, dir }: ReportParams<PersonSort>): ReportQuery {
  const search = searchClause(q, ["u.name", "u.email"], "WHERE");
  const from = `FROM (
      SELECT user_id, COUNT(*) AS sessions, MIN(start_time) AS firstJoin, MAX(last_ping) AS lastActive, SUM(total_minutes) AS minutes
      FROM session_analytics GROUP BY user_id
    ) a JOIN users u ON u.id = a.user_id${search.sql}`;
  return {
    select: `SELECT u.id, u.name, u.email, a.sessions, a.firstJoin, a.lastActive, a.minutes ${from} ORDER BY ${PEOPLE_SORTS[sort]} ${dir}, u.id ${dir}`,
    count: search.sql ? `SELECT COUNT(*) AS total ${from}` : "SELECT COUNT(DISTINCT user_id) AS total FROM session_analytics",
    values: search.values,
  };
}
