import type { LoadPool } from "./load-pool";
import type { StatementCounter } from "./private-servers";
import { sleep } from "./processes";
import { clock, type PingCounts } from "./protocol";
import { mergeCounts, sum } from "./sums";

export type HeartbeatResult = {
  viewers: number;
  intervalSeconds: number;
  /** Viewers on the production 60 s heartbeat that would send as many pings per second. */
  equivalentViewersAt60s: number;
  idleSeconds: number;
  idleStatementsPerSecond: number;
  warmUpSeconds: number;
  windowSeconds: number;
  statements: number;
  statementsPerSecond: number;
  pings: PingCounts;
  statementsPerPing: number | null;
};

const ACK_TIMEOUT_MS = 10_000;

async function statementsPerSecond(counter: StatementCounter, seconds: number) {
  const mark = await counter.mark();
  const started = clock();
  await sleep(seconds * 1000);
  const statements = await counter.since(mark);
  return { statements, seconds: (clock() - started) / 1000 };
}

function sumCounts(all: PingCounts[]): PingCounts {
  const total = (key: "sent" | "acked" | "credited" | "timeouts") => sum(all.map((counts) => counts[key]));
  return { sent: total("sent"), acked: total("acked"), credited: total("credited"), refused: mergeCounts(all.map((counts) => counts.refused)), timeouts: total("timeouts") };
}

/**
 * With the viewers already connected: statements per second while nobody pings
 * (the idle window), then while each viewer pings once per interval, measured
 * after one interval of warm-up so every viewer is in its steady rhythm.
 */
export async function runHeartbeat(pool: LoadPool, counter: StatementCounter, viewers: number, intervalSeconds: number, idleSeconds: number, windowSeconds: number): Promise<HeartbeatResult> {
  const idle = await statementsPerSecond(counter, idleSeconds);
  await pool.each(() => ({ type: "start-pings", intervalMs: intervalSeconds * 1000, ackTimeoutMs: ACK_TIMEOUT_MS }));
  const warmUpSeconds = intervalSeconds + 2;
  await sleep(warmUpSeconds * 1000);
  await pool.each(() => ({ type: "new-ping-window" }));
  const window = await statementsPerSecond(counter, windowSeconds);
  const pings = sumCounts(await pool.each<PingCounts>(() => ({ type: "stop-pings", maxWaitMs: ACK_TIMEOUT_MS + 1_000 }), ACK_TIMEOUT_MS + 10_000));
  return {
    viewers,
    intervalSeconds,
    equivalentViewersAt60s: Math.round((viewers * 60) / intervalSeconds),
    idleSeconds: idle.seconds,
    idleStatementsPerSecond: idle.statements / idle.seconds,
    warmUpSeconds,
    windowSeconds: window.seconds,
    statements: window.statements,
    statementsPerSecond: window.statements / window.seconds,
    pings,
    statementsPerPing: pings.acked === 0 ? null : window.statements / pings.acked,
  };
}
