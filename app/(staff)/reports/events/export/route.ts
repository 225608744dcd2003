import type { NextRequest } from "next/server";
import { exportOverview } from "@/lib/reports/export-report";
import { eventsOverview } from "@/lib/reports/report-definitions";

export function GET(request: NextRequest) {
  return exportOverview(request, eventsOverview);
}
