import { EndSessionsButton } from "@/components/reports/end-sessions-button";
import { ReportTable, type ReportColumn } from "@/components/reports/report-table";
import { ReportsFrame } from "@/components/reports/reports-frame";
import { requireRole } from "@/lib/auth";
import { fetchReportPage } from "@/lib/reports/fetch-report-page";
import { usersReport } from "@/lib/reports/report-definitions";
import type { UserSort } from "@/lib/reports/report-queries";
import type { UserRow } from "@/lib/reports/report-rows";
import { formatDateTime, getViewerTimeZone } from "@/lib/reports/time-zone";

export const metadata = { title: "Registered users · Reports" };

export default async function RegisteredUsersPage({ searchParams }: PageProps<"/reports/users">) {
  const user = await requireRole("/reports");
  const params = usersReport.params(await searchParams);
  const [page, timeZone] = await Promise.all([fetchReportPage(usersReport.query(params), params, usersReport.toRow), getViewerTimeZone()]);
  const columns: ReportColumn<UserRow, UserSort>[] = [
    { label: "Name", sort: "name", cell: (row) => row.name },
    { label: "Email", sort: "email", cell: (row) => row.email },
    { label: "Phone", sort: "phone", cell: (row) => row.phone || "—" },
    { label: "Reg Date", sort: "registered", cell: (row) => <time dateTime={row.registeredAt}>{formatDateTime(row.registeredAt, timeZone)}</time> },
    { label: "Sessions", cell: (row) => <EndSessionsButton userId={row.id} name={row.name} /> },
  ];
  return (
    <ReportsFrame user={user} current="/reports/users" timeZone={timeZone}>
      <ReportTable
        caption="Registered users"
        path={usersReport.path}
        params={params}
        columns={columns}
        page={page}
        rowKey={(row) => row.id}
        emptyText="No one has registered yet. Attendees appear here the moment they register at the event link."
      />
    </ReportsFrame>
  );
}
