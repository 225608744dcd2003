// Usage: npm run soak [-- --minutes 30 --viewers 200 --chat-rate 20 … --skip-build]   (-- --help lists every option)
// A long run of an ordinary busy event against the real server.ts (its own
// production build in .data/next-soak, a private MariaDB): viewers chat, ask,
// vote, ping and now and then lose their connection, while a moderator
// approves, answers and hides. At the end every acked chat message must be in
// the database and in every viewer, and the server's memory must not trend
// upwards. Writes bench/results/soak-latest.md and .json; exits 1 if a
// message was lost or memory grew past the limit (or the run failed).
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import mariadb from "mariadb";
import { parseDatabaseUrl, withDatabase } from "../lib/database-url";
import { requireLinux, startCpuMeter } from "./process-usage";
import { startPrivateMariadb } from "./private-servers";
import { cleanUpOnInterrupt, sleep, stopAll } from "./processes";
import { clock } from "./protocol";
import { seedViewers } from "./seed-viewers";
import { buildPodium, startServerUnderTest, type ServerUnderTest } from "./servers-under-test";
import { warmUp } from "./single-sockets";
import { auditChat } from "./soak-audit";
import { readMemory, trendOf } from "./soak-memory";
import { SoakModerator } from "./soak-moderator";
import { parseSoakOptions } from "./soak-options";
import { writeSoakResults } from "./soak-report";
import { ACK_TIMEOUT_MS, SoakTally } from "./soak-tally";
import { Traffic } from "./soak-traffic";
import { SoakViewer } from "./soak-viewer";

requireLinux("npm run soak");
const args = process.argv.slice(2);
const options = (() => {
  try {
    return parseSoakOptions(args);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
const startedAt = clock();
const loadAtStart = os.loadavg();
// Its own build and logs, so a bench or an e2e run at the same time keeps theirs.
const DIST_DIR = path.join(".data", "next-soak");
const logDir = path.join(process.cwd(), ".data", "soak-logs");
const dataDir = path.join(process.cwd(), ".data", `soak-db-${process.pid}`);
const memoryFile = path.join(logDir, "server-memory.jsonl");
const JOIN_TIMEOUT_MS = 60_000;
const SETTLE_MS = 20_000;

let viewers: SoakViewer[] = [];
let moderator: SoakModerator | undefined;
let traffic: Traffic | undefined;
let cleaningUp: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    traffic?.stop();
    moderator?.close();
    for (const viewer of viewers) viewer.close();
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaningUp;
}

cleanUpOnInterrupt("the soak's", () => cleaningUp !== undefined, cleanUp);

/** Polls (every 250 ms, at most `maxMs`) until `isDone`; returns whether it got there. */
async function waitFor(isDone: () => boolean, maxMs: number): Promise<boolean> {
  for (const deadline = clock() + maxMs; !isDone(); await sleep(250)) if (clock() > deadline) return false;
  return true;
}

function assertAlive(server: ServerUnderTest) {
  try {
    process.kill(server.pids[0], 0);
  } catch {
    throw new Error("The server under test exited during the soak; see .data/soak-logs/soak-1.stderr.log");
  }
}

async function firstNewChatId(databaseUrl: string): Promise<number> {
  const connection = await mariadb.createConnection(parseDatabaseUrl(databaseUrl));
  try {
    const [row] = await connection.query("SELECT COALESCE(MAX(id), 0) AS id FROM chat_messages");
    return Number(row.id) + 1;
  } finally {
    await connection.end();
  }
}

async function soak(): Promise<string[]> {
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  if (!options.skipBuild) {
    console.log(`Building Podium into ${DIST_DIR}…`);
    await buildPodium(logDir, DIST_DIR);
  } else if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) throw new Error(`--skip-build needs an earlier build in ${DIST_DIR}.`);

  console.log(`Starting a private MariaDB, ${options.viewers} attendees and the server…`);
  const database = await startPrivateMariadb(dataDir, logDir);
  const databaseUrl = withDatabase(database.serverUrl, "podium_soak");
  const { viewers: cookies, adminCookie } = await seedViewers(databaseUrl, options.viewers + 1);
  const server = await startServerUnderTest("podium", "soak", {
    logDir,
    databaseUrl,
    distDir: DIST_DIR,
    heartbeatSeconds: options.heartbeatSeconds,
    nodeArgs: ["--import", "./bench/soak-memory-probe.ts"],
    env: { PODIUM_SOAK_MEMORY_FILE: memoryFile, PODIUM_SOAK_MEMORY_MS: String(options.sampleSeconds * 1000) },
  });
  const url = server.urls[0];
  await warmUp(server, cookies.take(1)[0]);

  const tally = new SoakTally(await firstNewChatId(databaseUrl));
  moderator = await SoakModerator.open(url, adminCookie, tally);
  viewers = cookies.take(options.viewers).map((cookie, index) => new SoakViewer(index, url, cookie, tally));
  if (!(await waitFor(() => viewers.every((viewer) => viewer.isIn), JOIN_TIMEOUT_MS))) {
    throw new Error(`Only ${viewers.filter((viewer) => viewer.isIn).length} of ${options.viewers} viewers got in within ${JOIN_TIMEOUT_MS / 1000} s.`);
  }

  console.log(`Soaking for ${options.minutes} min (results minute by minute)…`);
  const cpu = { server: startCpuMeter(server.pids), database: startCpuMeter([database.pid]), soak: startCpuMeter([process.pid]) };
  const loadStartedAt = clock();
  traffic = new Traffic(viewers, options);
  traffic.start(options.heartbeatSeconds);
  moderator.startHiding(options.hideRate);
  const runMs = options.minutes * 60_000;
  for (let minute = 1; minute <= Math.ceil(options.minutes); minute++) {
    await sleep(Math.max(0, loadStartedAt + Math.min(minute * 60_000, runMs) - clock()));
    assertAlive(server);
    const figures = tally.closeMinute(minute);
    const { samples, majorGcs } = readMemory(memoryFile, loadStartedAt);
    const inNow = viewers.filter((viewer) => viewer.isIn).length;
    console.log(
      `  minute ${minute}: ${figures.acked} acked, ${figures.refused} refused, ${figures.timeouts} timed out, chat ack p99 ${figures.chatAckP99 ?? "—"} ms; ` +
        `server RSS ${samples.at(-1)?.rssMb.toFixed(0) ?? "—"} MB, heap after the last major GC ${majorGcs.at(-1)?.heapUsedMb.toFixed(0) ?? "—"} MB; ${inNow}/${options.viewers} in`,
    );
  }
  traffic.stop();
  moderator.stop();
  const loadEndedAt = clock();
  const cpuPercent = { server: cpu.server(), database: cpu.database(), soak: cpu.soak() };

  // Everything sent gets its answer, blipped viewers their resync, and the last broadcasts their viewers.
  await waitFor(() => tally.pending === 0, ACK_TIMEOUT_MS + 2_000);
  await waitFor(() => viewers.every((viewer) => viewer.isIn), SETTLE_MS);
  const acked = [...tally.ackedChat];
  const hasAll = (viewer: SoakViewer) => acked.every((id) => viewer.received.has(id) || viewer.toldHidden.has(id));
  await waitFor(() => viewers.every((viewer) => !viewer.isIn || hasAll(viewer)), 10_000);
  const audit = await auditChat(databaseUrl, tally.ackedChat, viewers);
  const memory = readMemory(memoryFile, loadStartedAt, loadEndedAt);
  const limits = { maxMbPerHour: options.maxMbPerHour, minGrowthMb: options.minGrowthMb };
  const trend = (points: { at: number; mb: number }[]) => trendOf(points, loadStartedAt, options.warmupMinutes * 60_000, limits);
  return writeSoakResults({
    date: new Date().toISOString(),
    command: ["npm run soak", ...(args.length ? ["--", ...args] : [])].join(" "),
    durationSeconds: (clock() - startedAt) / 1000,
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg() },
    options,
    loadStartedAt,
    tally,
    traffic: traffic.counts,
    audit,
    memory,
    trends: {
      rssAfterGc: trend(memory.majorGcs.map((gc) => ({ at: gc.at, mb: gc.rssMb }))),
      heapAfterGc: trend(memory.majorGcs.map((gc) => ({ at: gc.at, mb: gc.heapUsedMb }))),
      rss: trend(memory.samples.map((sample) => ({ at: sample.at, mb: sample.rssMb }))),
      heapUsed: trend(memory.samples.map((sample) => ({ at: sample.at, mb: sample.heapUsedMb }))),
    },
    cpuPercent,
    watching: { counted: moderator.viewersConnected, connected: viewers.filter((viewer) => viewer.isIn).length },
    stderrLogs: server.stderrLogs,
  });
}

try {
  const failed = await soak();
  process.exitCode = failed.length ? 1 : 0;
} catch (error) {
  console.error(`\nThe soak failed: ${(error as Error).stack ?? error}`);
  console.error(`Logs: ${path.relative(process.cwd(), logDir)}/`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
// Nothing of the soak's may keep the process alive past its report.
process.exit(process.exitCode);
