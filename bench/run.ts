// Usage: npm run bench [-- --quick --skip-build --storms 1000,5000 --chat-viewers 1000 --chat-rates 10,20,40,60,80,100,120,160 --chat-seconds 8
//        --heartbeat-viewers 5000 --heartbeat-window 45 --idle-window 10 --settle-seconds 5 --redis-viewers 1000 --redis-rate 20 --workers 4 --profile]
// Puts Podium's live room (the real server.ts, production build) and a bare
// Socket.IO broadcast server under the same load: join storms, memory per
// viewer, chat fan-out, heartbeat cost, and two processes sharing broadcasts
// through Redis. Everything runs on a private MariaDB and Redis that are
// stopped (by PID) at the end; see bench/results/latest.md for the last table.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { withDatabase } from "../lib/database-url";
import { LoadPool } from "./load-pool";
import { parseOptions } from "./options";
import { requireLinux } from "./process-usage";
import { startPrivateMariadb, startPrivateRedis, StatementCounter } from "./private-servers";
import { cleanUpOnInterrupt, stopAll } from "./processes";
import { clock } from "./protocol";
import { buildRows, type BenchResults } from "./report-rows";
import { runSession, runTwoProcesses, type BenchContext, type SessionResult, type TwoProcessResult } from "./run-session";
import { seedViewers } from "./seed-viewers";
import { sum } from "./sums";
import { buildPodium, DIST_DIR, type Kind } from "./servers-under-test";
import { writeResults } from "./write-results";

const KINDS: Kind[] = ["podium", "baseline"];
requireLinux("npm run bench");
const args = process.argv.slice(2);
const options = parseOptions(args);
const startedAt = clock();
// Anything else running on the machine shares its cores with the servers and the load: recorded beside the figures.
const loadAtStart = os.loadavg();
const dataDir = path.join(process.cwd(), ".data", `bench-db-${process.pid}`);
const logDir = path.join(process.cwd(), ".data", "bench-logs");

let counter: StatementCounter | undefined;
let pool: LoadPool | undefined;
let cleaningUp: Promise<void> | undefined;

/** Once, whichever comes first (the end of the run or Ctrl-C): the status connection before its server, then every process, then the data. */
function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    await counter?.close().catch(() => undefined);
    await pool?.stop();
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaningUp;
}

cleanUpOnInterrupt("the bench's", () => cleaningUp !== undefined, cleanUp);

try {
  // Only this run's logs: a clean directory each time.
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  if (options.skipBuild) {
    if (!existsSync(path.join(DIST_DIR, "BUILD_ID")) || !existsSync("lib/generated/prisma")) throw new Error(`--skip-build needs an earlier build in ${DIST_DIR} and a generated Prisma client.`);
  } else {
    console.log(`Building Podium into ${DIST_DIR}…`);
    await buildPodium(logDir);
  }

  console.log("Starting a private MariaDB and Redis…");
  const database = await startPrivateMariadb(dataDir, logDir);
  const redis = await startPrivateRedis(logDir);
  const databaseUrl = withDatabase(database.serverUrl, "podium_bench");
  // Largest first, so the single-process storms all run before any chat is stored and their `state`s carry the
  // same (empty) history; the two-process storm comes last and gets the chat history, as a late joiner would.
  const sizes = [...new Set([...options.storms, options.chatViewers, options.heartbeatViewers])].sort((a, b) => b - a);
  // Podium gets fresh people for every storm, plus one warm-up visitor for each server (or pair) started.
  const viewersNeeded = sum(sizes.map((size) => size + 1)) + options.redisViewers + 1;
  console.log(`Seeding ${viewersNeeded.toLocaleString("en-GB")} attendees and sealing their session cookies…`);
  const { viewers, adminCookie } = await seedViewers(databaseUrl, viewersNeeded);
  counter = await StatementCounter.open(database.serverUrl);
  pool = LoadPool.start(options.workers);

  const context: BenchContext = { options, pool, counter, databasePid: database.pid, setup: { logDir, databaseUrl, profile: options.profile }, redisUrl: redis.redisUrl, viewers, adminCookie, stderrLogs: [] };
  const sessions: Record<Kind, Record<number, SessionResult>> = { podium: {}, baseline: {} };
  const twoProcesses: Partial<Record<Kind, TwoProcessResult>> = {};
  for (const size of sizes) for (const kind of KINDS) sessions[kind][size] = await runSession(context, kind, size);
  for (const kind of KINDS) twoProcesses[kind] = await runTwoProcesses(context, kind);

  const results: BenchResults = {
    podium: { sessions: sessions.podium, twoProcesses: twoProcesses.podium! },
    baseline: { sessions: sessions.baseline, twoProcesses: twoProcesses.baseline! },
  };
  const run = {
    date: new Date().toISOString(),
    command: ["npm run bench", ...(args.length ? ["--", ...args] : [])].join(" "),
    durationSeconds: (clock() - startedAt) / 1000,
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    options,
  };
  writeResults(buildRows(results, options), results, run, context.stderrLogs);
} catch (error) {
  console.error(`\nThe bench failed: ${(error as Error).stack ?? error}`);
  console.error(`Logs: ${path.relative(process.cwd(), logDir)}/`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
