import "server-only";
import type { NextRequest } from "next/server";
import { authorizeRoute } from "../auth";
import { databaseFailureOf } from "../health/database-failure";
import { isDatabaseDown, noteDatabaseFailure } from "../health/database-health";
import { RETRY_AFTER_SECONDS } from "../http/outage-page";
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
  if (isDatabaseDown()) return databaseUnavailable();
  let access: Awaited<ReturnType<typeof authorizeRoute>>;
  try {
    access = await authorizeRoute("/reports", request);
  } catch (error) {
    if (databaseFailureOf(error) || isDatabaseDown()) return databaseUnavailable();
    throw error;
  }
  if ("response" in access) return access.response;
  const params = report.params(Object.fromEntries(request.nextUrl.searchParams));
  let body: ReadableStream<Uint8Array>;
  try {
    body = await streamCsv(report.query(params), report.toRow, report.columns);
  } catch (error) {
    if (databaseFailureOf(noteDatabaseFailure(error)) === "unreachable") return databaseUnavailable();
    if (isPoolBusy(error)) {
      console.warn(`An export was turned away: ${EXPORTS_AT_ONCE} exports are already running.`);
      return plainText(503, `${EXPORTS_AT_ONCE} exports are already running. Try again in a moment.`, { "Retry-After": "5" });
    }
    console.error("Starting an export failed:", error);
    return plainText(500, "The export could not start. Try again; if it keeps failing, check the server log.");
  }
  return csvResponse(report.file, body);
}

/** A download asked for while the database is down: 503 with when to retry, as text, never an empty 500. */
function databaseUnavailable(): Response {
  return plainText(503, "Podium can't reach its database just now, so the export could not start. Try again in a moment.", { "Retry-After": String(RETRY_AFTER_SECONDS) });
}

function plainText(status: number, sentence: string, headers: Record<string, string> = {}): Response {
  return new Response(`${sentence}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}
