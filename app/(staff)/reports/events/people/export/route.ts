import type { NextRequest } from "next/server";
import { exportOverview } from "@/lib/reports/export-report";
import { attendeesOverview } from "@/lib/reports/report-definitions";

export function GET(request: NextRequest) {
  return exportOverview(request, attendeesOverview);
}
