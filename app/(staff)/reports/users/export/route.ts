import type { NextRequest } from "next/server";
import { exportReport } from "@/lib/reports/export-report";
import { usersReport } from "@/lib/reports/report-definitions";

export function GET(request: NextRequest) {
  return exportReport(request, usersReport);
}
