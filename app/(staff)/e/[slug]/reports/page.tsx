import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth";
import { openReportEvent } from "@/lib/reports/report-event";

/** The event's first tab, at its reports' own address (/reports/users for the featured event). */
export default async function EventReportsIndexPage({ params }: PageProps<"/e/[slug]/reports">) {
  const { slug } = await params;
  await requireRole("/reports", `/e/${encodeURIComponent(slug)}/reports`);
  const event = await openReportEvent(slug);
  redirect(`${event.base}/users`);
}
