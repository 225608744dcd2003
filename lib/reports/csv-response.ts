import { exportFileName } from "./csv-cells";

/** A CSV download: attachment named with the event, the report and the export time, never cached. */
export function csvResponse(report: string, slug: string | undefined, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(report, new Date(), slug)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
