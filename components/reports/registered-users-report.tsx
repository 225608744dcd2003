import type { CurrentUser } from "@/lib/auth";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { usersReport } from "@/lib/reports/report-definitions";
import { isOver, type ReportEvent } from "@/lib/reports/report-event";
import type { UserSort } from "@/lib/reports/report-queries";
import type { UserRow } from "@/lib/reports/report-rows";
import { formatDateTime, getViewerTimeZone } from "@/lib/reports/time-zone";
import { EndSessionsButton } from "./end-sessions-button";
import { ReportTable, type ReportColumn } from "./report-table";
import { ReportsFrame } from "./reports-frame";

type Props = { user: CurrentUser; event: ReportEvent; searchParams: Record<string, string | string[] | undefined> };

/** An event's registrations: /reports/users for the featured event, /e/<slug>/reports/users for any. */
export async function RegisteredUsersReport({ user, event, searchParams }: Props) {
  const params = usersReport.params(searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(usersReport.query(event.id, params), params, usersReport.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<UserRow, UserSort>[] = [
    { label: "Name", sort: "name", cell: (row) => row.name },
    { label: "Email", sort: "email", cell: (row) => row.email },
    { label: "Phone", sort: "phone", cell: (row) => row.phone || "—" },
    { label: "Reg Date", sort: "registered", cell: (row) => <time dateTime={row.registeredAt}>{formatDateTime(row.registeredAt, timeZone)}</time> },
    { label: "Sessions", cell: (row) => <EndSessionsButton userId={row.id} name={row.name} /> },
  ];
  return (
    <ReportsFrame user={user} event={event} current="/users" timeZone={timeZone}>
      <ReportTable
        caption="Registered users"
        path={`${event.base}${usersReport.area}`}
        exportPath={`${event.ownBase}${usersReport.area}`}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        emptyText={isOver(event) ? "No one registered for this event." : "No one has registered yet. Attendees appear here the moment they register at the event link."}
      />
    </ReportsFrame>
  );
}
