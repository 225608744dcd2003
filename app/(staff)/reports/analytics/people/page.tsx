import { PeopleReport } from "@/components/reports/people-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Viewers · Reports" };

/** The featured event's viewers, sessions added up. */
export default async function PeoplePage({ searchParams }: PageProps<"/reports/analytics/people">) {
  const user = await requireRole("/reports");
  return <PeopleReport user={user} event={await openReportEvent(undefined)} searchParams={await searchParams} />;
}
