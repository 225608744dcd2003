import type { NextRequest } from "next/server";
import { exportEventReport } from "@/lib/reports/export-report";
import { sessionsReport } from "@/lib/reports/report-definitions";

/** The featured event's CSV. */
export function GET(request: NextRequest) {
  return exportEventReport(request, sessionsReport, undefined);
}
