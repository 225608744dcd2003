import type { NextRequest } from "next/server";
import { exportEventReport } from "@/lib/reports/export-report";
import { sessionsReport } from "@/lib/reports/report-definitions";

/** Any event's CSV; an unknown slug is 404 (after the admin check). */
export async function GET(request: NextRequest, { params }: RouteContext<"/e/[slug]/reports/analytics/export">) {
  return exportEventReport(request, sessionsReport, (await params).slug);
}
