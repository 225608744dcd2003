import "server-only";
import type { NextRequest } from "next/server";
import { authorizeRoute } from "../auth";
import { databaseFailureOf } from "../health/database-failure";
import { isDatabaseDown, noteDatabaseFailure } from "../health/database-health";
import { RETRY_AFTER_SECONDS } from "../http/outage-page";
import { csvResponse } from "./csv-response";
import { EXPORTS_AT_ONCE, isPoolBusy } from "./report-db";
import { findReportEvent } from "./report-event";
import type { ReportQuery } from "./report-queries";
import type { CsvColumn } from "./stream-csv";
import { streamCsv } from "./stream-csv";

type SearchParams = Record<string, string>;
type Csv<Row> = { toRow: (raw: Record<string, unknown>) => Row; columns: CsvColumn<Row>[] };

/** One event's report (report-definitions.ts): its query takes the event. */
export type EventReport<Params, Row> = Csv<Row> & { file: string; params: (searchParams: SearchParams) => Params; query: (eventId: number, params: Params) => ReportQuery };
/** A report across events. */
export type OverviewReport<Params, Row> = Csv<Row> & { file: string; params: (searchParams: SearchParams) => Params; query: (params: Params) => ReportQuery };

/** What one download streams, and the parts of its file name. */
type CsvExport<Row> = Csv<Row> & { file: string; slug?: string; query: ReportQuery };

/** GET /reports/…/export (slug undefined: the featured event) and /e/<slug>/reports/…/export. */
export function exportEventReport<Params, Row>(request: NextRequest, report: EventReport<Params, Row>, slug: string | undefined): Promise<Response> {
  return exportReport(request, async (searchParams) => {
    const event = await findReportEvent(slug);
    if (!event) return null;
    return { ...report, slug: event.slug, query: report.query(event.id, report.params(searchParams)) };
  });
}

/** GET /reports/events/…/export. */
export function exportOverview<Params, Row>(request: NextRequest, report: OverviewReport<Params, Row>): Promise<Response> {
  return exportReport(request, async (searchParams) => ({ ...report, query: report.query(report.params(searchParams)) }));
}

/**
 * The GET handler of every CSV export: admins only (asked before the event is looked up, so
 * nobody else learns which events exist), no side effects, honours the page's search and sort.
 */
async function exportReport<Row>(request: NextRequest, prepare: (searchParams: SearchParams) => Promise<CsvExport<Row> | null>): Promise<Response> {
  if (isDatabaseDown()) return databaseUnavailable();
  let access: Awaited<ReturnType<typeof authorizeRoute>>;
  try {
    access = await authorizeRoute("/reports", request);
  } catch (error) {
    if (databaseFailureOf(error) || isDatabaseDown()) return databaseUnavailable();
    throw error;
  }
  if ("response" in access) return access.response;
  let download: CsvExport<Row> | null;
  let body: ReadableStream<Uint8Array>;
  try {
    download = await prepare(Object.fromEntries(request.nextUrl.searchParams));
    if (!download) return plainText(404, "There is no such event.");
    body = await streamCsv(download.query, download.toRow, download.columns);
  } catch (error) {
    if (databaseFailureOf(noteDatabaseFailure(error)) === "unreachable") return databaseUnavailable();
    if (isPoolBusy(error)) {
      console.warn(`An export was turned away: ${EXPORTS_AT_ONCE} exports are already running.`);
      return plainText(503, `${EXPORTS_AT_ONCE} exports are already running. Try again in a moment.`, { "Retry-After": "5" });
    }
    console.error("Starting an export failed:", error);
    return plainText(500, "The export could not start. Try again; if it keeps failing, check the server log.");
  }
  return csvResponse(download.file, download.slug, body);
}

/** A download asked for while the database is down: 503 with when to retry, as text, never an empty 500. */
function databaseUnavailable(): Response {
  return plainText(503, "Podium can't reach its database just now, so the export could not start. Try again in a moment.", { "Retry-After": String(RETRY_AFTER_SECONDS) });
}

function plainText(status: number, sentence: string, headers: Record<string, string> = {}): Response {
  return new Response(`${sentence}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });
}
