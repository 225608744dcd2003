import mariadb from "mariadb";
import { parseDatabaseUrl } from "../database-url";
import { env } from "../env";
import { POOL_TIMEOUTS } from "../pool-timeouts";
import { databaseFailureOf } from "./database-failure";

// Whether this process can reach its database, as far as it knows. Marked
// down by the first call that fails to connect (a page, a socket event, a
// handshake, /healthz), and up again by a probe that tries `SELECT 1` every
// half second while it is down (a refused connection costs next to nothing),
// so the process recovers by itself within about a second of the database's
// return (the pools reconnect by themselves: lib/pool-timeouts.ts). While it
// is down, pages answer a 503 at once (lib/http/outage-guard.ts) and
// handshakes are refused as `unavailable` without waiting for a pool: nothing
// queues behind a database that is away.
//
// Kept on globalThis: server.ts (sockets, the HTTP hook) and the code Next
// bundles (pages, routes) are separate module graphs in one process.

const PROBE_EVERY_MS = 500;
const PING_TIMEOUT_MS = 1_000;
/**
 * The longest a query can wait before it fails for want of a connection (the
 * pool's acquire timeout, plus a connect attempt): a failure reported with no
 * start time is taken to have started this long before it was noted.
 */
const LONGEST_FAILURE_MS = POOL_TIMEOUTS.acquireTimeout + POOL_TIMEOUTS.connectTimeout;

/** upSince: when a probe last found the database back after it was down (0: never down). */
type Health = { isDown: boolean; downSince: number; upSince: number; probe: NodeJS.Timeout | null };
const globalForHealth = globalThis as unknown as { podiumDatabaseHealth?: Health };
const health = (globalForHealth.podiumDatabaseHealth ??= { isDown: false, downSince: 0, upSince: 0, probe: null });

export function isDatabaseDown(): boolean {
  return health.isDown;
}

/**
 * Looks at an error from a database call: one that says the database cannot
 * be reached marks it down. Returns the error, so a caller can
 * `throw noteDatabaseFailure(error, startedAt)`.
 *
 * `startedAt` is when the call began (Date.now()). A call that began before
 * the probe that last found the database back is a straggler of the outage
 * (it waited for a connection the pool could not open, and failed just after
 * the database returned): it says nothing about now, so it marks nothing, as
 * with pings (pingDatabase). Without a start time, the call is assumed to
 * have waited as long as any can (LONGEST_FAILURE_MS).
 */
export function noteDatabaseFailure<Failure>(error: Failure, startedAt = Date.now() - LONGEST_FAILURE_MS): Failure {
  if (databaseFailureOf(error) === "unreachable" && startedAt >= health.upSince) markDown();
  return error;
}

function markDown() {
  if (health.isDown) return;
  health.isDown = true;
  health.downSince = Date.now();
  console.error("Podium can't reach its database: pages answer 503 and live clients are told to retry until it is back.");
  scheduleProbe();
}

function markUp() {
  if (!health.isDown) return;
  health.isDown = false;
  health.upSince = Date.now();
  if (health.probe) clearTimeout(health.probe);
  health.probe = null;
  console.log(`The database is back after ${((Date.now() - health.downSince) / 1000).toFixed(1)} s.`);
}

/** One probe at a time, for as long as the database is down (pingDatabase marks it up). */
function scheduleProbe() {
  if (health.probe) return;
  health.probe = setTimeout(async () => {
    await pingDatabase();
    health.probe = null;
    if (health.isDown) scheduleProbe();
  }, PROBE_EVERY_MS);
  health.probe.unref();
}

/**
 * `SELECT 1` on a connection of its own, within `timeoutMs` in all: a pool
 * whose connections are all busy with reports must not look like an outage.
 * The answer also updates what this process believes, unless the belief
 * changed after this ping began.
 */
export async function pingDatabase(timeoutMs = PING_TIMEOUT_MS): Promise<boolean> {
  const startedAt = Date.now();
  const isUp = await answersWithin(timeoutMs);
  // Pings overlap (/healthz's and the probe's). One that began before the
  // latest change of state is older news than that change: after a freeze,
  // pings sent into it time out just after another found the database back.
  if (isUp && startedAt >= health.downSince) markUp();
  else if (!isUp && startedAt >= health.upSince) markDown();
  return isUp;
}

async function answersWithin(timeoutMs: number): Promise<boolean> {
  // socketTimeout closes a connection whose server stops answering, so a hung database leaks nothing.
  const answered = mariadb.createConnection({ ...parseDatabaseUrl(env.DATABASE_URL), connectTimeout: timeoutMs, socketTimeout: timeoutMs }).then(async (connection) => {
    try {
      await connection.query("SELECT 1");
      return true;
    } finally {
      connection.destroy();
    }
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([answered.catch(() => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
