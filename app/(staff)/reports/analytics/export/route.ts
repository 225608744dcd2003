import type { NextRequest } from "next/server";
import { exportReport } from "@/lib/reports/export-report";
import { sessionsReport } from "@/lib/reports/report-definitions";

export function GET(request: NextRequest) {
  return exportReport(request, sessionsReport);
}
