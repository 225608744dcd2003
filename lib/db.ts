import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import mariadb, { type Pool } from "mariadb";
import { parseDatabaseUrl } from "./database-url";
import { env } from "./env";
import { POOL_TIMEOUTS } from "./pool-timeouts";
import { PrismaClient } from "./generated/prisma/client";

// The database clients of one process. server.ts and the code Next bundles are
// separate module graphs, and dev mode reloads modules, so each is cached on
// globalThis: every importer gets the same pool instead of opening a new one.
const globalForDb = globalThis as unknown as { podiumPrisma?: PrismaClient; podiumLivePool?: Pool };

/** Pages, server actions and the live room's writes (chat, questions, votes). */
export const DB_POOL_SIZE = 10;
/**
 * The live room's hot paths, raw SQL with no ORM on the way: joiners' lookups,
 * chat messages, heartbeat batches and resyncs. A pool of its own, so a join
 * storm never queues behind page loads (or the reverse). Joiners' lookups take
 * at most half of it (lib/realtime/load-joiner.ts), so chat keeps flowing
 * during a storm.
 */
export const LIVE_POOL_SIZE = 6;

function createClient(): PrismaClient {
  const adapter = new PrismaMariaDb({ ...parseDatabaseUrl(env.DATABASE_URL), ...POOL_TIMEOUTS, connectionLimit: DB_POOL_SIZE });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = (globalForDb.podiumPrisma ??= createClient());

/** Created on first use, so scripts that only use Prisma (npm run staff…) do not hold connections open. */
export function getLivePool(): Pool {
  // dateStrings: DATETIME(3) comes back as the stored UTC text ("2026-11-24 18:00:00.000").
  globalForDb.podiumLivePool ??= mariadb.createPool({
    ...parseDatabaseUrl(env.DATABASE_URL),
    ...POOL_TIMEOUTS,
    connectionLimit: LIVE_POOL_SIZE,
    dateStrings: true,
    bigIntAsNumber: true,
    initSql: [
      // Every statement here stands alone. READ COMMITTED takes no gap locks, so two processes'
      // heartbeat batches opening sessions for neighbouring people do not block or deadlock each other.
      "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
      // A joiner's own questions arrive as one JSON_ARRAYAGG, which MariaDB cuts at this length (1 MB by default).
      "SET SESSION group_concat_max_len = 16777216",
    ],
  });
  return globalForDb.podiumLivePool;
}

/** At shutdown (and at the end of tests): every pool of this module, ended. */
export async function closeDatabase() {
  await Promise.allSettled([db.$disconnect(), globalForDb.podiumLivePool?.end()]);
  globalForDb.podiumLivePool = undefined;
}
