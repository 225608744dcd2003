import { PeopleReport } from "@/components/reports/people-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Viewers · Reports" };

/** Any event's viewers, sessions added up. */
export default async function EventPeoplePage({ params, searchParams }: PageProps<"/e/[slug]/reports/analytics/people">) {
  const { slug } = await params;
  // A refused visitor signs in and comes back to this event's reports.
  const user = await requireRole("/reports", `/e/${encodeURIComponent(slug)}/reports`);
  return <PeopleReport user={user} event={await openReportEvent(slug)} searchParams={await searchParams} />;
}
