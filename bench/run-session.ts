import type { LoadPool } from "./load-pool";
import { chatStep, runChatSteps, type ChatStepResult } from "./measure-chat";
import { runHeartbeat, type HeartbeatResult } from "./measure-heartbeat";
import { runStorm, type StormResult, type StormWatch } from "./measure-storm";
import type { BenchOptions } from "./options";
import type { StatementCounter } from "./private-servers";
import { sleep } from "./processes";
import type { Target } from "./protocol";
import type { ViewerCookies } from "./seed-viewers";
import { startServerUnderTest, type Kind, type ServerSetup, type ServerUnderTest } from "./servers-under-test";
import { openModerator, warmUp } from "./single-sockets";

// One fresh server (or pair of servers) per join storm: memory is measured on
// a process that has served nothing but the warm-up, and every storm's
// viewers are people who have never connected before.

export type BenchContext = {
  options: BenchOptions;
  pool: LoadPool;
  counter: StatementCounter;
  databasePid: number;
  setup: Omit<ServerSetup, "processes" | "heartbeatSeconds">;
  redisUrl: string;
  viewers: ViewerCookies;
  adminCookie: string;
  stderrLogs: string[];
};

export type SessionResult = {
  storm: StormResult;
  memory: { idleMb: number; loadedMb: number; perViewerKb: number };
  chat?: { steps: ChatStepResult[]; highestHeld: number | null };
  heartbeat?: HeartbeatResult;
  /** Sockets the server closed (or lost) while they were meant to stay connected. */
  droppedSockets: number;
};

export type TwoProcessResult = { storm: StormResult; chat: ChatStepResult; droppedSockets: number };

/** Viewers spread evenly over the server's processes. Podium's carry a session cookie each; the baseline takes anyone. */
function targetsFor(server: ServerUnderTest, count: number, cookies?: string[]): Target[] {
  return Array.from({ length: count }, (_, index) => ({ url: server.urls[index % server.urls.length], proc: index % server.urls.length, cookie: cookies?.[index] }));
}

async function start(context: BenchContext, kind: Kind, name: string, setup: Partial<ServerSetup>) {
  const server = await startServerUnderTest(kind, name, { ...context.setup, ...setup });
  context.stderrLogs.push(...server.stderrLogs);
  const isPodium = kind === "podium";
  await warmUp(server, isPodium ? context.viewers.take(1)[0] : undefined);
  const moderator = isPodium ? await openModerator(server.urls[0], context.adminCookie) : undefined;
  const cookiesFor = (count: number) => (isPodium ? context.viewers.take(count) : undefined);
  const watch: StormWatch = isPodium ? { serverPids: server.pids, databasePid: context.databasePid, counter: context.counter, moderator } : { serverPids: server.pids };
  return { server, moderator, watch, cookiesFor };
}

function logStorm(storm: StormResult) {
  const time = storm.seconds === null ? `only ${storm.in} in after ${storm.timeAllowedSeconds} s` : `all in after ${storm.seconds.toFixed(2)} s`;
  const statements = storm.statementsPerViewer === undefined ? "" : `, ${storm.statementsPerViewer.toFixed(1)} statements per viewer`;
  const failures = Object.entries(storm.failedHandshakesByMessage).map(([message, times]) => ` "${message}" × ${times}`);
  const { server, database, load } = storm.cpuPercent;
  const cpu = `CPU ${server.toFixed(0)} % server${database === undefined ? "" : `, ${database.toFixed(0)} % database`}, ${load.toFixed(0)} % load`;
  console.log(`    join storm of ${storm.viewers}: ${time}, ${storm.failedHandshakes} failed handshakes${failures.join(",")}${statements}, ${cpu}`);
}

export async function runSession(context: BenchContext, kind: Kind, size: number): Promise<SessionResult> {
  const { options, pool } = context;
  const runsChat = size === options.chatViewers;
  const runsHeartbeat = kind === "podium" && size === options.heartbeatViewers;
  console.log(`  ${kind}: ${size} viewers${runsChat ? ", chat fan-out" : ""}${runsHeartbeat ? `, heartbeat every ${options.heartbeatSeconds} s` : ""}`);
  const { server, moderator, watch, cookiesFor } = await start(context, kind, `${kind}-${size}`, { heartbeatSeconds: runsHeartbeat ? options.heartbeatSeconds : undefined });
  try {
    await sleep(options.settleSeconds * 1000);
    const idleMb = server.rssMb();
    const storm = await runStorm(pool, targetsFor(server, size, cookiesFor(size)), watch);
    logStorm(storm);
    await sleep(options.settleSeconds * 1000);
    const loadedMb = server.rssMb();
    const memory = { idleMb, loadedMb, perViewerKb: ((loadedMb - idleMb) * 1024) / Math.max(1, storm.in) };
    console.log(`    memory: ${idleMb.toFixed(0)} MB idle, ${loadedMb.toFixed(0)} MB with ${storm.in} connected`);
    const chat = runsChat ? await runChatSteps(pool, options.chatRates, options.chatSeconds, storm.connectedByProc, server.pids) : undefined;
    const heartbeat = runsHeartbeat
      ? await runHeartbeat(pool, context.counter, storm.in, options.heartbeatSeconds, options.idleWindow, options.heartbeatWindow)
      : undefined;
    if (heartbeat) console.log(`    heartbeat: ${heartbeat.statementsPerSecond.toFixed(1)} statements/s (idle ${heartbeat.idleStatementsPerSecond.toFixed(2)})`);
    return { storm, memory, chat, heartbeat, droppedSockets: await pool.disconnect() };
  } finally {
    moderator?.close();
    await server.stop();
  }
}

/** Two processes sharing broadcasts through Redis; viewers half on each, chat sent through both. */
export async function runTwoProcesses(context: BenchContext, kind: Kind): Promise<TwoProcessResult> {
  const { options, pool } = context;
  console.log(`  ${kind}: 2 processes on Redis, ${options.redisViewers} viewers, chat at ${options.redisRate} msg/s`);
  const { server, moderator, watch, cookiesFor } = await start(context, kind, `${kind}-redis`, { processes: 2, redisUrl: context.redisUrl });
  try {
    const storm = await runStorm(pool, targetsFor(server, options.redisViewers, cookiesFor(options.redisViewers)), watch);
    logStorm(storm);
    const chat = await chatStep(pool, options.redisRate, options.chatSeconds, storm.connectedByProc, server.pids);
    return { storm, chat, droppedSockets: await pool.disconnect() };
  } finally {
    moderator?.close();
    await server.stop();
  }
}
