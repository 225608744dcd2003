import type { CsvColumn } from "./stream-csv";
import type { PersonRow, SessionRow, UserRow } from "./report-rows";

// The columns of each CSV, in order. Times are ISO 8601 UTC.

export const USER_COLUMNS: CsvColumn<UserRow>[] = [
  { header: "Name", value: (row) => row.name },
  { header: "Email", value: (row) => row.email },
  { header: "Phone", value: (row) => row.phone },
  { header: "Reg Date (UTC)", value: (row) => row.registeredAt },
];

export const SESSION_COLUMNS: CsvColumn<SessionRow>[] = [
  { header: "User Name", value: (row) => row.name },
  { header: "Email", value: (row) => row.email },
  { header: "Login Time (UTC)", value: (row) => row.loginTime },
  { header: "Last Active (UTC)", value: (row) => row.lastActive },
  { header: "Total Minutes Watched", value: (row) => row.minutes },
];

export const PERSON_COLUMNS: CsvColumn<PersonRow>[] = [
  { header: "User Name", value: (row) => row.name },
  { header: "Email", value: (row) => row.email },
  { header: "Sessions", value: (row) => row.sessions },
  { header: "First Join (UTC)", value: (row) => row.firstJoin },
  { header: "Last Active (UTC)", value: (row) => row.lastActive },
  { header: "Total Minutes Watched", value: (row) => row.minutes },
];
