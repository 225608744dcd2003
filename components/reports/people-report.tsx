import type { CurrentUser } from "@/lib/auth";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { peopleReport } from "@/lib/reports/report-definitions";
import { isOver, type ReportEvent } from "@/lib/reports/report-event";
import type { PersonSort } from "@/lib/reports/report-queries";
import type { PersonRow } from "@/lib/reports/report-rows";
import { formatDateTime, getViewerTimeZone } from "@/lib/reports/time-zone";
import { AnalyticsViews } from "./analytics-views";
import { ReportTable, type ReportColumn } from "./report-table";
import { ReportsFrame } from "./reports-frame";

type Props = { user: CurrentUser; event: ReportEvent; searchParams: Record<string, string | string[] | undefined> };

/** An event's viewers, each with their sessions added up. */
export async function PeopleReport({ user, event, searchParams }: Props) {
  const params = peopleReport.params(searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(peopleReport.query(event.id, params), params, peopleReport.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<PersonRow, PersonSort>[] = [
    { label: "User Name", sort: "name", cell: (row) => row.name },
    { label: "Sessions", sort: "sessions", numeric: true, cell: (row) => row.sessions },
    { label: "First Join", sort: "firstJoin", cell: (row) => <time dateTime={row.firstJoin}>{formatDateTime(row.firstJoin, timeZone)}</time> },
    { label: "Last Active", sort: "lastActive", cell: (row) => <time dateTime={row.lastActive}>{formatDateTime(row.lastActive, timeZone)}</time> },
    { label: "Total Minutes Watched", sort: "minutes", numeric: true, cell: (row) => row.minutes },
  ];
  return (
    <ReportsFrame user={user} event={event} current="/analytics" timeZone={timeZone}>
      <AnalyticsViews base={event.base} current="/analytics/people" />
      <ReportTable
        caption="Viewers, sessions added up"
        path={`${event.base}${peopleReport.area}`}
        exportPath={`${event.ownBase}${peopleReport.area}`}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        emptyText={isOver(event) ? "No one watched this event." : "No one has watched yet. Each person who opens the event page gets a row here with their sessions added up."}
      />
    </ReportsFrame>
  );
}
