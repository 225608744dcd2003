import type { ReportParams } from "./report-params";
import type { ReportQuery } from "./report-queries";
import { reportPool } from "./report-db";

export type ReportPage<Row> = { rows: Row[]; total: number; pageCount: number; page: number };

/** One page of a report and the total it pages through. */
export async function fetchReportPage<Row>(query: ReportQuery, params: ReportParams<string>, toRow: (raw: Record<string, unknown>) => Row): Promise<ReportPage<Row>> {
  const [{ total }] = await reportPool.query<{ total: number }[]>(query.count, query.values);
  const pageCount = Math.max(1, Math.ceil(Number(total) / params.size));
  // A page past the end (an old link, a shrunken search) shows the last page.
  const page = Math.min(params.page, pageCount);
  const rows = await reportPool.query<Record<string, unknown>[]>(`${query.select} LIMIT ? OFFSET ?`, [...query.values, params.size, (page - 1) * params.size]);
  return { rows: rows.map(toRow), total: Number(total), pageCount, page };
}
