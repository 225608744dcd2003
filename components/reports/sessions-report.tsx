import type { CurrentUser } from "@/lib/auth";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { sessionsReport } from "@/lib/reports/report-definitions";
import { isOver, type ReportEvent } from "@/lib/reports/report-event";
import type { SessionSort } from "@/lib/reports/report-queries";
import type { SessionRow } from "@/lib/reports/report-rows";
import { formatDateTime, getViewerTimeZone } from "@/lib/reports/time-zone";
import { AnalyticsViews } from "./analytics-views";
import { ReportTable, type ReportColumn } from "./report-table";
import { ReportsFrame } from "./reports-frame";

type Props = { user: CurrentUser; event: ReportEvent; searchParams: Record<string, string | string[] | undefined> };

/** An event's viewing sessions, one row each. */
export async function SessionsReport({ user, event, searchParams }: Props) {
  const params = sessionsReport.params(searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(sessionsReport.query(event.id, params), params, sessionsReport.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<SessionRow, SessionSort>[] = [
    { label: "User Name", sort: "name", cell: (row) => row.name },
    { label: "Login Time", sort: "loginTime", cell: (row) => <time dateTime={row.loginTime}>{formatDateTime(row.loginTime, timeZone)}</time> },
    { label: "Last Active", sort: "lastActive", cell: (row) => <time dateTime={row.lastActive}>{formatDateTime(row.lastActive, timeZone)}</time> },
    { label: "Total Minutes Watched", sort: "minutes", numeric: true, cell: (row) => row.minutes },
  ];
  return (
    <ReportsFrame user={user} event={event} current="/analytics" timeZone={timeZone}>
      <AnalyticsViews base={event.base} current="/analytics" />
      <ReportTable
        caption="Viewing sessions"
        path={`${event.base}${sessionsReport.area}`}
        exportPath={`${event.ownBase}${sessionsReport.area}`}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        emptyText={
          isOver(event)
            ? "No one watched this event."
            : "No viewing sessions yet. A session starts when a signed-in attendee opens the event page, and gains a minute for every minute they keep it open."
        }
      />
    </ReportsFrame>
  );
}
