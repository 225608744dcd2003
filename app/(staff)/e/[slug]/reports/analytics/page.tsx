import { SessionsReport } from "@/components/reports/sessions-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Analytics · Reports" };

/** Any event's viewing sessions. */
export default async function EventSessionsPage({ params, searchParams }: PageProps<"/e/[slug]/reports/analytics">) {
  const user = await requireRole("/reports");
  return <SessionsReport user={user} event={await openReportEvent((await params).slug)} searchParams={await searchParams} />;
}
