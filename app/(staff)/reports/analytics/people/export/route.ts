import type { NextRequest } from "next/server";
import { exportReport } from "@/lib/reports/export-report";
import { peopleReport } from "@/lib/reports/report-definitions";

export function GET(request: NextRequest) {
  return exportReport(request, peopleReport);
}
