import type { NextRequest } from "next/server";
import { exportEventReport } from "@/lib/reports/export-report";
import { usersReport } from "@/lib/reports/report-definitions";

/** Any event's CSV; an unknown slug is 404 (after the admin check). */
export async function GET(request: NextRequest, { params }: RouteContext<"/e/[slug]/reports/users/export">) {
  return exportEventReport(request, usersReport, (await params).slug);
}
