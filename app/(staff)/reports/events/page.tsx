import { EventsOverviewReport } from "@/components/reports/events-overview-report";
import { requireRole } from "@/lib/auth";

export const metadata = { title: "All events · Reports" };

export default async function EventsOverviewPage({ searchParams }: PageProps<"/reports/events">) {
  const user = await requireRole("/reports");
  return <EventsOverviewReport user={user} searchParams={await searchParams} />;
}
