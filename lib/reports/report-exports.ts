import type { CsvColumn } from "./stream-csv";
import type { AttendeeRow, EventRow, PersonRow, SessionRow, UserRow } from "./report-rows";

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

export const EVENT_COLUMNS: CsvColumn<EventRow>[] = [
  { header: "Event", value: (row) => row.title },
  { header: "Link Name", value: (row) => row.slug },
  { header: "State", value: (row) => row.state },
  { header: "Starts (UTC)", value: (row) => row.startsAt },
  { header: "Ends (UTC)", value: (row) => row.endsAt ?? "" },
  { header: "Registered", value: (row) => row.registered },
  { header: "Unique Viewers", value: (row) => row.viewers },
  { header: "Minutes Watched", value: (row) => row.minutes },
  { header: "Average Minutes per Viewer", value: (row) => row.averageMinutes },
  { header: "Peak Concurrent", value: (row) => row.peak },
];

// Minutes in each event as one cell, by link name (letters, digits and dashes, so the cell splits
// cleanly on "; " and ": "): "spring-keynote: 40; workshop: 12".
export const ATTENDEE_COLUMNS: CsvColumn<AttendeeRow>[] = [
  { header: "User Name", value: (row) => row.name },
  { header: "Email", value: (row) => row.email },
  { header: "Events Attended", value: (row) => row.events },
  { header: "Total Minutes Watched", value: (row) => row.minutes },
  { header: "Minutes per Event", value: (row) => row.byEvent.map((event) => `${event.slug}: ${event.minutes}`).join("; ") },
];
