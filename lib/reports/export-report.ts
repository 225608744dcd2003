import "server-only";
import type { NextRequest } from "next/server";
import { authorizeRoute } from "../auth";
import { csvResponse } from "./csv-response";
import { EXPORTS_AT_ONCE, isPoolBusy } from "./report-db";
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
    if (isPoolBusy(error)) {
      console.warn(`An export was turned away: ${EXPORTS_AT_ONCE} exports are already running.`);
      return plainText(503, `${EXPORTS_AT_ONCE} exports are already running. Try again in a moment.`, { "Retry-After": "5" });
    }
    console.error("Starting an export failed:", error);
    return plainText(500, "The export could not start. Try again; if it keeps failing, check the server log.");
  }
  return csvResponse(report.file, body);
}

function plainText(status: number, sentence: string, headers: Record<string, string> = {}): Response {
  return new Response(`${sentence}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}
