import "server-only";
import type { NextRequest } from "next/server";
import { authorizeRoute } from "../auth";
import { csvResponse } from "./csv-response";
import type { ReportQuery } from "./report-queries";
import type { CsvColumn } from "./stream-csv";
import { streamCsv } from "./stream-csv";

type ExportableReport<Params, Row> = {
  file: string;
  params: (searchParams: Record<string, string>) => Params;
  query: (params: Params) => ReportQuery;
  toRow: (raw: Record<string, unknown>) => Row;
  columns: CsvColumn<Row>[];
};

/** The GET handler of every CSV export: admins only, no side effects, honours the page's search and sort. */
export async function exportReport<Params, Row>(request: NextRequest, report: ExportableReport<Params, Row>): Promise<Response> {
  const access = await authorizeRoute("/reports", request);
  if ("response" in access) return access.response;
  const params = report.params(Object.fromEntries(request.nextUrl.searchParams));
  let body: ReadableStream<Uint8Array>;
  try {
    body = await streamCsv(report.query(params), report.toRow, report.columns);
  } catch (error) {
    console.error("Starting an export failed:", error);
    return new Response("Too many exports are running. Try again in a moment.\n", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" } });
  }
  return csvResponse(report.file, body);
}
