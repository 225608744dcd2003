import { RegisteredUsersReport } from "@/components/reports/registered-users-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Registered users · Reports" };

/** Any event's registrations, archived ones included. */
export default async function EventRegisteredUsersPage({ params, searchParams }: PageProps<"/e/[slug]/reports/users">) {
  const { slug } = await params;
  // A refused visitor signs in and comes back to this event's reports.
  const user = await requireRole("/reports", `/e/${encodeURIComponent(slug)}/reports`);
  return <RegisteredUsersReport user={user} event={await openReportEvent(slug)} searchParams={await searchParams} />;
}
