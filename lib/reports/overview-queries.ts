import type { ReportParams } from "./report-params";
import { searchClause, type ReportQuery } from "./report-queries";

// The SQL of the overview across events: one row per event, and one per person
// with their minutes in each event. Archived events are left out of both, as
// they are of every list. Like the event reports, pages and CSV exports share it.

export const EVENT_SORTS = {
  title: "o.title",
  startsAt: "o.startsAt",
  registered: "o.registered",
  viewers: "o.viewers",
  minutes: "o.minutes",
  average: "o.minutes / NULLIF(o.viewers, 0)",
  peak: "o.peak",
} as const;
export type EventSort = keyof typeof EVENT_SORTS;

const LISTED_EVENTS = "SELECT id FROM events WHERE archived_at IS NULL";

/**
 * Each event's figures, the same as its own summary cards. The counts are one index lookup per
 * event (every index on these tables leads with event_id); the peak replays each event's joins
 * and leaves in time order (joins first on a tie, as in report-summary.ts), one pass for all events.
 */
export function eventsQuery({ q, sort, dir }: ReportParams<EventSort>): ReportQuery {
  const search = searchClause(q, ["e.title", "e.slug"], "AND");
  const figures = `SELECT e.id, e.slug, e.title, e.state, e.is_featured AS isFeatured, e.starts_at AS startsAt, e.ends_at AS endsAt,
      (SELECT COUNT(*) FROM registrations r STRAIGHT_JOIN users u ON u.id = r.user_id WHERE r.event_id = e.id AND u.role = 'viewer') AS registered,
      (SELECT COUNT(DISTINCT s.user_id) FROM session_analytics s WHERE s.event_id = e.id) AS viewers,
      (SELECT COALESCE(SUM(s.total_minutes), 0) FROM session_analytics s WHERE s.event_id = e.id) AS minutes,
      COALESCE(p.peak, 0) AS peak
    FROM events e LEFT JOIN (
      SELECT event_id, MAX(running) AS peak FROM (
        SELECT event_id, SUM(delta) OVER (PARTITION BY event_id ORDER BY t, delta DESC ROWS UNBOUNDED PRECEDING) AS running FROM (
          SELECT event_id, start_time AS t, 1 AS delta FROM session_analytics WHERE event_id IN (${LISTED_EVENTS})
          UNION ALL SELECT event_id, last_ping AS t, -1 AS delta FROM session_analytics WHERE event_id IN (${LISTED_EVENTS})
        ) moves
      ) running GROUP BY event_id
    ) p ON p.event_id = e.id
    WHERE e.archived_at IS NULL${search.sql}`;
  return {
    select: `SELECT o.* FROM (${figures}) o ORDER BY ${EVENT_SORTS[sort]} ${dir}, o.id ${dir}`,
    count: `SELECT COUNT(*) AS total FROM events e WHERE e.archived_at IS NULL${search.sql}`,
    values: search.values,
  };
}

export const ATTENDEE_SORTS = { name: "u.name", email: "u.email", events: "a.events", minutes: "a.minutes" } as const;
export type AttendeeSort = keyof typeof ATTENDEE_SORTS;

/**
 * One row per person who watched any listed event: how many events, their minutes in all, and
 * their minutes in each (earliest event first). The inner grouping is an index-only scan of
 * (event_id, user_id, …, total_minutes).
 */
export function attendeesQuery({ q, sort, dir }: ReportParams<AttendeeSort>): ReportQuery {
  const search = searchClause(q, ["u.name", "u.email"], "WHERE");
  const from = `FROM (
      SELECT pe.user_id, COUNT(*) AS events, SUM(pe.minutes) AS minutes,
             JSON_ARRAYAGG(JSON_OBJECT('slug', e.slug, 'title', e.title, 'isFeatured', e.is_featured IS NOT NULL, 'minutes', pe.minutes) ORDER BY e.starts_at, e.id) AS byEvent
      FROM (SELECT event_id, user_id, SUM(total_minutes) AS minutes FROM session_analytics GROUP BY event_id, user_id) pe
      JOIN events e ON e.id = pe.event_id AND e.archived_at IS NULL
      GROUP BY pe.user_id
    ) a JOIN users u ON u.id = a.user_id${search.sql}`;
  return {
    select: `SELECT u.id, u.name, u.email, a.events, a.minutes, a.byEvent ${from} ORDER BY ${ATTENDEE_SORTS[sort]} ${dir}, u.id ${dir}`,
    count: search.sql
      ? `SELECT COUNT(*) AS total ${from}`
      : `SELECT COUNT(DISTINCT s.user_id) AS total FROM session_analytics s JOIN events e ON e.id = s.event_id WHERE e.archived_at IS NULL`,
    values: search.values,
  };
}
