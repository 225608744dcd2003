import { AnalyticsViews } from "@/components/reports/analytics-views";
import { ReportTable, type ReportColumn } from "@/components/reports/report-table";
import { ReportsFrame } from "@/components/reports/reports-frame";
import { requireRole } from "@/lib/auth";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { peopleReport } from "@/lib/reports/report-definitions";
import type { PersonSort } from "@/lib/reports/report-queries";
import type { PersonRow } from "@/lib/reports/report-rows";
import { formatDateTime, getViewerTimeZone } from "@/lib/reports/time-zone";

export const metadata = { title: "Viewers · Reports" };

export default async function PeoplePage({ searchParams }: PageProps<"/reports/analytics/people">) {
  const user = await requireRole("/reports");
  const params = peopleReport.params(await searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(peopleReport.query(params), params, peopleReport.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<PersonRow, PersonSort>[] = [
    { label: "User Name", sort: "name", cell: (row) => row.name },
    { label: "Sessions", sort: "sessions", numeric: true, cell: (row) => row.sessions },
    { label: "First Join", sort: "firstJoin", cell: (row) => <time dateTime={row.firstJoin}>{formatDateTime(row.firstJoin, timeZone)}</time> },
    { label: "Last Active", sort: "lastActive", cell: (row) => <time dateTime={row.lastActive}>{formatDateTime(row.lastActive, timeZone)}</time> },
    { label: "Total Minutes Watched", sort: "minutes", numeric: true, cell: (row) => row.minutes },
  ];
  return (
    <ReportsFrame user={user} current="/reports/analytics" timeZone={timeZone}>
      <AnalyticsViews current="/reports/analytics/people" />
      <ReportTable
        caption="Viewers, sessions added up"
        path={peopleReport.path}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        emptyText="No one has watched yet. Each person who opens the event page gets a row here with their sessions added up."
      />
    </ReportsFrame>
  );
}
