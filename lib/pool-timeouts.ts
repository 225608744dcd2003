// Timeouts every database pool of Podium uses (lib/db.ts, lib/reports/report-db.ts),
// so that a database outage is answered in about two seconds and healed within
// about half a second of the database's return.
export const POOL_TIMEOUTS = {
  // A query waits at most this long for a connection: a live-room event then gets its
  // `unavailable` ack well inside the browser's 10 s, and a page its 503 (mariadb's default is 10 s).
  acquireTimeout: 2_000,
  connectTimeout: 1_000,
  // mariadb's pool stops trying to open a connection after this long, then waits 200 ms more
  // after every failed round (up to 10 s) before the next: after a long outage the first
  // queries would wait seconds for a database that is already back. A round that never gives
  // up keeps trying every 0.5 s instead, and requests still fail after acquireTimeout.
  initializationTimeout: 24 * 60 * 60_000,
} as const;
