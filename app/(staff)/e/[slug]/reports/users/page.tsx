import { RegisteredUsersReport } from "@/components/reports/registered-users-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Registered users · Reports" };

/** Any event's registrations, archived ones included. */
export default async function EventRegisteredUsersPage({ params, searchParams }: PageProps<"/e/[slug]/reports/users">) {
  const user = await requireRole("/reports");
  return <RegisteredUsersReport user={user} event={await openReportEvent((await params).slug)} searchParams={await searchParams} />;
}
