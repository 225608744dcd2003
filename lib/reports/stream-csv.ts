import { pipeline, Readable, Transform } from "node:stream";
import { stringify } from "csv-stringify";
import { neutraliseFormula } from "./csv-cells";
import { exportPool } from "./report-db";
import type { ReportQuery } from "./report-queries";

export type CsvColumn<Row> = { header: string; value: (row: Row) => string | number };

const BATCH_BYTES = 64 * 1024;

/** csv-stringify emits one chunk per row; the HTTP response is far faster with ~64 kB writes. */
function inBatches(): Transform {
  let pending: Buffer[] = [];
  let size = 0;
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      pending.push(bytes);
      size += bytes.length;
      if (size < BATCH_BYTES) return done();
      const batch = Buffer.concat(pending);
      pending = [];
      size = 0;
      done(null, batch);
    },
    flush(done) {
      done(null, size ? Buffer.concat(pending) : undefined);
    },
  });
}

/**
 * A report as CSV, streamed row by row from a database cursor: memory stays
 * flat however large the event. RFC 4180 (csv-stringify; any cell holding a
 * line break is quoted), UTF-8 with a BOM so Excel reads accents and emoji,
 * CRLF line ends, formula cells neutralised. Exports use a pool of their own,
 * so downloads never starve the report pages.
 */
export async function streamCsv<Row>(query: ReportQuery, toRow: (raw: Record<string, unknown>) => Row, columns: CsvColumn<Row>[]): Promise<ReadableStream<Uint8Array>> {
  const connection = await exportPool.getConnection();
  const rows = connection.queryStream(query.select, query.values);
  const toCells = new Transform({
    objectMode: true,
    transform(raw: Record<string, unknown>, _encoding, done) {
      try {
        const row = toRow(raw);
        done(null, columns.map((column) => {
          const value = column.value(row);
          return typeof value === "number" ? String(value) : neutraliseFormula(value);
        }));
      } catch (error) {
        done(error as Error);
      }
    },
  });
  const csv = stringify({ bom: true, header: true, columns: columns.map((column) => column.header), record_delimiter: "windows", quoted_match: /[\r\n]/ });
  const output = inBatches();
  // pipeline tears every stage down when any of them fails or the download is cancelled (the
  // response stream is destroyed): then the half-read cursor makes the connection unusable, so it is
  // dropped; a finished export returns its connection to the pool.
  pipeline(rows, toCells, csv, output, (error) => {
    if (error) void connection.destroy();
    else void connection.release();
  });
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
