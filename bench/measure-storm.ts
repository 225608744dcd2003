import { startCpuMeter } from "./process-usage";
import type { LoadPool } from "./load-pool";
import type { StatementCounter } from "./private-servers";
import { sleep } from "./processes";
import type { Target } from "./protocol";
import type { Moderator } from "./single-sockets";

export type StormResult = {
  viewers: number;
  in: number;
  connectedByProc: number[];
  /** Until every viewer had its `state`; null when some never did within the time allowed. */
  seconds: number | null;
  timeAllowedSeconds: number;
  failedHandshakes: number;
  failedHandshakesByMessage: Record<string, number>;
  /** Podium only: statements the database ran for the storm, including work that finished after the last `state`. */
  statements?: number;
  statementsPerViewer?: number;
  /** Podium only: viewersConnected from the moderators' `stats` after the storm. */
  serverCounted?: number;
  /** % of one core while the viewers were connecting; database for Podium only. */
  cpuPercent: { server: number; load: number; database?: number };
};

/** What to watch besides the viewers: Podium has a database and a moderator, the baseline neither. */
export type StormWatch = { serverPids: number[]; databasePid?: number; counter?: StatementCounter; moderator?: Moderator };

/** Every target connects at once; the storm ends when the last one has its `state` (or the time allowed runs out). */
export async function runStorm(pool: LoadPool, targets: Target[], { serverPids, databasePid, counter, moderator }: StormWatch): Promise<StormResult> {
  const timeAllowedMs = 30_000 + 20 * targets.length;
  const mark = await counter?.mark();
  const cpu = { server: startCpuMeter(serverPids), load: startCpuMeter(pool.pids), database: databasePid ? startCpuMeter([databasePid]) : undefined };
  const outcome = await pool.connect(targets, timeAllowedMs);
  const cpuPercent = { server: cpu.server(), load: cpu.load(), database: cpu.database?.() };
  let statements: number | undefined;
  if (counter && mark) {
    // Viewing sessions are opened beside the `state`, so some statements may still be on their way.
    await counter.waitQuiet(15_000);
    statements = await counter.since(mark);
  }
  // Podium sends moderators `stats` at most every 0.5 s.
  if (moderator) await sleep(1_500);
  return {
    viewers: outcome.viewers,
    in: outcome.in,
    connectedByProc: outcome.connectedByProc,
    seconds: outcome.seconds,
    timeAllowedSeconds: timeAllowedMs / 1000,
    failedHandshakes: outcome.failedHandshakes,
    failedHandshakesByMessage: outcome.failedHandshakesByMessage,
    statements,
    statementsPerViewer: statements === undefined ? undefined : statements / outcome.viewers,
    serverCounted: moderator?.viewersConnected(),
    cpuPercent,
  };
}
