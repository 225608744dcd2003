import { AttendeesOverviewReport } from "@/components/reports/attendees-overview-report";
import { requireRole } from "@/lib/auth";

export const metadata = { title: "People across events · Reports" };

export default async function AttendeesOverviewPage({ searchParams }: PageProps<"/reports/events/people">) {
  const user = await requireRole("/reports");
  return <AttendeesOverviewReport user={user} searchParams={await searchParams} />;
}
