import { RegisteredUsersReport } from "@/components/reports/registered-users-report";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

export const metadata = { title: "Registered users · Reports" };

/** The featured event's registrations. */
export default async function RegisteredUsersPage({ searchParams }: PageProps<"/reports/users">) {
  const user = await requireRole("/reports");
  return <RegisteredUsersReport user={user} event={await openReportEvent(undefined)} searchParams={await searchParams} />;
}
