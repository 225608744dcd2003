import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { eventsOverview } from "@/lib/reports/report-definitions";
import { findReportEvent } from "@/lib/reports/report-event";

/** The featured event's first tab; with no featured event, the overview across events. */
export default async function ReportsIndexPage() {
  await requireRole("/reports");
  const event = await findReportEvent(undefined);
  redirect(event ? `${event.base}/users` : eventsOverview.path);
}
