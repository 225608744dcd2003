import { SessionsReport } from "@/components/reports/sessions-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Analytics · Reports" };

/** The featured event's viewing sessions. */
export default async function SessionsPage({ searchParams }: PageProps<"/reports/analytics">) {
  const user = await requireRole("/reports");
  return <SessionsReport user={user} event={await openReportEvent(undefined)} searchParams={await searchParams} />;
}
