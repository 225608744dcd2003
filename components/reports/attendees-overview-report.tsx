import type { CurrentUser } from "@/lib/auth";
import { eventPath } from "@/lib/events/event-paths";
import type { AttendeeSort } from "@/lib/reports/overview-queries";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { attendeesOverview } from "@/lib/reports/report-definitions";
import type { AttendeeRow } from "@/lib/reports/report-rows";
import { getViewerTimeZone } from "@/lib/reports/time-zone";
import { OverviewFrame } from "./overview-frame";
import { ReportTable, type ReportColumn } from "./report-table";
import styles from "./reports.module.css";

/** One row per person across events: how many they attended, and their minutes in each. */
export async function AttendeesOverviewReport({ user, searchParams }: { user: CurrentUser; searchParams: Record<string, string | string[] | undefined> }) {
  const params = attendeesOverview.params(searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(attendeesOverview.query(params), params, attendeesOverview.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<AttendeeRow, AttendeeSort>[] = [
    { label: "User Name", sort: "name", cell: (row) => row.name },
    { label: "Email", sort: "email", cell: (row) => row.email },
    { label: "Events Attended", sort: "events", numeric: true, cell: (row) => row.events },
    { label: "Total Minutes Watched", sort: "minutes", numeric: true, cell: (row) => row.minutes },
    {
      label: "Minutes in Each Event",
      cell: (row) => (
        <ul className={styles.minutesList}>
          {row.byEvent.map((event) => (
            <li key={event.slug}>
              {/* This person's row in that event's report; a plain link, as between any two events' pages. */}
              <a href={`${eventPath(event, "/reports")}/analytics/people?q=${encodeURIComponent(row.email)}`}>{event.title}</a>{" "}
              <span className={styles.minutesValue}>{event.minutes} min</span>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <OverviewFrame user={user} current={attendeesOverview.path} timeZone={timeZone}>
      <ReportTable
        caption="Attendees across events"
        path={attendeesOverview.path}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        emptyText="No one has watched any event yet. Each person who opens an event's stream gets a row here, with their minutes in each event."
      />
    </OverviewFrame>
  );
}
