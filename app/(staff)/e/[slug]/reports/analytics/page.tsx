import { SessionsReport } from "@/components/reports/sessions-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Analytics · Reports" };

/** Any event's viewing sessions. */
export default async function EventSessionsPage({ params, searchParams }: PageProps<"/e/[slug]/reports/analytics">) {
  const { slug } = await params;
  // A refused visitor signs in and comes back to this event's reports.
  const user = await requireRole("/reports", `/e/${encodeURIComponent(slug)}/reports`);
  return <SessionsReport user={user} event={await openReportEvent(slug)} searchParams={await searchParams} />;
}
