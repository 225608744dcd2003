import { ATTENDEE_SORTS, attendeesQuery, EVENT_SORTS, eventsQuery, type AttendeeSort, type EventSort } from "./overview-queries";
import { ATTENDEE_COLUMNS, EVENT_COLUMNS, PERSON_COLUMNS, SESSION_COLUMNS, USER_COLUMNS } from "./report-exports";
import { parseReportParams } from "./report-params";
import { PEOPLE_SORTS, peopleQuery, SESSION_SORTS, sessionsQuery, USER_SORTS, usersQuery, type PersonSort, type SessionSort, type UserSort } from "./report-queries";
import { toAttendeeRow, toEventRow, toPersonRow, toSessionRow, toUserRow } from "./report-rows";

type SearchParams = Record<string, string | string[] | undefined>;

// The reports: where they live, how their URL is read, their SQL, rows and CSV columns.

// One event's three reports. `area` follows the event's reports path (eventPath(event, "/reports"):
// /reports for the featured event, /e/<slug>/reports for every event); the query takes the event's id.

export const usersReport = {
  area: "/users",
  file: "users",
  params: (searchParams: SearchParams) => parseReportParams<UserSort>(searchParams, Object.keys(USER_SORTS) as UserSort[], { sort: "registered", dir: "desc" }),
  query: usersQuery,
  toRow: toUserRow,
  columns: USER_COLUMNS,
};

export const sessionsReport = {
  area: "/analytics",
  file: "sessions",
  params: (searchParams: SearchParams) => parseReportParams<SessionSort>(searchParams, Object.keys(SESSION_SORTS) as SessionSort[], { sort: "loginTime", dir: "desc" }),
  query: sessionsQuery,
  toRow: toSessionRow,
  columns: SESSION_COLUMNS,
};

export const peopleReport = {
  area: "/analytics/people",
  file: "people",
  params: (searchParams: SearchParams) => parseReportParams<PersonSort>(searchParams, Object.keys(PEOPLE_SORTS) as PersonSort[], { sort: "minutes", dir: "desc" }),
  query: peopleQuery,
  toRow: toPersonRow,
  columns: PERSON_COLUMNS,
};

// The overview across events: no event, one path each.

export const eventsOverview = {
  path: "/reports/events",
  file: "events",
  params: (searchParams: SearchParams) => parseReportParams<EventSort>(searchParams, Object.keys(EVENT_SORTS) as EventSort[], { sort: "startsAt", dir: "desc" }),
  query: eventsQuery,
  toRow: toEventRow,
  columns: EVENT_COLUMNS,
};

export const attendeesOverview = {
  path: "/reports/events/people",
  file: "events-people",
  params: (searchParams: SearchParams) => parseReportParams<AttendeeSort>(searchParams, Object.keys(ATTENDEE_SORTS) as AttendeeSort[], { sort: "minutes", dir: "desc" }),
  query: attendeesQuery,
  toRow: toAttendeeRow,
  columns: ATTENDEE_COLUMNS,
};
