import mariadb, { type Pool } from "mariadb";
import { parseDatabaseUrl } from "../database-url";
import { env } from "../env";
import { POOL_TIMEOUTS } from "../pool-timeouts";

// Reports read with the mariadb driver directly rather than Prisma, because a
// CSV export must stream rows from a cursor (Prisma has none) and a page and
// its export must run the very same SQL. Read-only; a small pool of its own.
// Dates come back as the stored UTC strings and are turned into ISO 8601 here.
const globalForReports = globalThis as unknown as { podiumReportPool?: Pool; podiumExportPool?: Pool };
const options = { ...parseDatabaseUrl(env.DATABASE_URL), ...POOL_TIMEOUTS, dateStrings: true, bigIntAsNumber: true, decimalAsNumber: true };

/** Report pages. */
export const reportPool: Pool = (globalForReports.podiumReportPool ??= mariadb.createPool({ ...options, connectionLimit: 6 }));

/** CSV exports at once; each holds a connection for its whole download. */
export const EXPORTS_AT_ONCE = 3;
// An export waits up to 5 s for one of them to finish; a database that is down is found (and answered 503) before that.
export const exportPool: Pool = (globalForReports.podiumExportPool ??= mariadb.createPool({ ...options, connectionLimit: EXPORTS_AT_ONCE, acquireTimeout: 5_000 }));

// mariadb's ER_GET_CONNECTION_TIMEOUT.
const POOL_TIMEOUT_ERRNO = 45028;

/**
 * True when every connection of a pool stayed busy for its whole acquireTimeout. A pool that
 * cannot open connections at all (database down) times out too, but carries the reason as `cause`.
 */
export function isPoolBusy(error: unknown): boolean {
  const timeout = error as { errno?: number; cause?: unknown } | null;
  return timeout?.errno === POOL_TIMEOUT_ERRNO && !timeout.cause;
}
