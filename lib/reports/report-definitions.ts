import { PERSON_COLUMNS, SESSION_COLUMNS, USER_COLUMNS } from "./report-exports";
import { parseReportParams } from "./report-params";
import { PEOPLE_SORTS, peopleQuery, SESSION_SORTS, sessionsQuery, USER_SORTS, usersQuery, type PersonSort, type SessionSort, type UserSort } from "./report-queries";
import { toPersonRow, toSessionRow, toUserRow } from "./report-rows";

type SearchParams = Record<string, string | string[] | undefined>;

// The three reports: where they live, how their URL is read, their SQL, rows and CSV columns.

export const usersReport = {
  path: "/reports/users",
  file: "users",
  params: (searchParams: SearchParams) => parseReportParams<UserSort>(searchParams, Object.keys(USER_SORTS) as UserSort[], { sort: "registered", dir: "desc" }),
  query: usersQuery,
  toRow: toUserRow,
  columns: USER_COLUMNS,
};

export const sessionsReport = {
  path: "/reports/analytics",
  file: "sessions",
  params: (searchParams: SearchParams) => parseReportParams<SessionSort>(searchParams, Object.keys(SESSION_SORTS) as SessionSort[], { sort: "loginTime", dir: "desc" }),
  query: sessionsQuery,
  toRow: toSessionRow,
  columns: SESSION_COLUMNS,
};

export const peopleReport = {
  path: "/reports/analytics/people",
  file: "people",
  params: (searchParams: SearchParams) => parseReportParams<PersonSort>(searchParams, Object.keys(PEOPLE_SORTS) as PersonSort[], { sort: "minutes", dir: "desc" }),
  query: peopleQuery,
  toRow: toPersonRow,
  columns: PERSON_COLUMNS,
};
