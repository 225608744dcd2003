import { PeopleReport } from "@/components/reports/people-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Viewers · Reports" };

/** Any event's viewers, sessions added up. */
export default async function EventPeoplePage({ params, searchParams }: PageProps<"/e/[slug]/reports/analytics/people">) {
  const user = await requireRole("/reports");
  return <PeopleReport user={user} event={await openReportEvent((await params).slug)} searchParams={await searchParams} />;
}
