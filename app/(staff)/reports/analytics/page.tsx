import { AnalyticsViews } from "@/components/reports/analytics-views";
import { ReportTable, type ReportColumn } from "@/components/reports/report-table";
import { ReportsFrame } from "@/components/reports/reports-frame";
import { requireRole } from "@/lib/auth";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { sessionsReport } from "@/lib/reports/report-definitions";
import type { SessionSort } from "@/lib/reports/report-queries";
import type { SessionRow } from "@/lib/reports/report-rows";
import { formatDateTime, getViewerTimeZone } from "@/lib/reports/time-zone";

export const metadata = { title: "Analytics · Reports" };

export default async function SessionsPage({ searchParams }: PageProps<"/reports/analytics">) {
  const user = await requireRole("/reports");
  const params = sessionsReport.params(await searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(sessionsReport.query(params), params, sessionsReport.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<SessionRow, SessionSort>[] = [
    { label: "User Name", sort: "name", cell: (row) => row.name },
    { label: "Login Time", sort: "loginTime", cell: (row) => <time dateTime={row.loginTime}>{formatDateTime(row.loginTime, timeZone)}</time> },
    { label: "Last Active", sort: "lastActive", cell: (row) => <time dateTime={row.lastActive}>{formatDateTime(row.lastActive, timeZone)}</time> },
    { label: "Total Minutes Watched", sort: "minutes", numeric: true, cell: (row) => row.minutes },
  ];
  return (
    <ReportsFrame user={user} current="/reports/analytics" timeZone={timeZone}>
      <AnalyticsViews current="/reports/analytics" />
      <ReportTable
        caption="Viewing sessions"
        path={sessionsReport.path}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        emptyText="No viewing sessions yet. A session starts when a signed-in attendee opens the event page, and gains a minute for every minute they keep it open."
      />
    </ReportsFrame>
  );
}
