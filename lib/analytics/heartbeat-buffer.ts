import type { Pool } from "mariadb";
import { databaseFailureOf } from "../health/database-failure";
import { applyViewingBatch, viewingKey, type ViewingEntry, type ViewingResult } from "./apply-viewing-batch";
import { SESSION_GAP_MS } from "./heartbeat-rules";

export type PingResult = { totalMinutes: number; isCredited: boolean };
type Waiter = { at: Date; resolve: (result: PingResult) => void; reject: (error: unknown) => void };
type Pending = ViewingEntry & { waiters: Waiter[] };

/** Batches every this often; also never longer than 40% of an interval, so one batch never holds two creditable heartbeats of one tab. */
export function flushEveryMs(intervalSeconds: number): number {
  return Math.min(5_000, intervalSeconds * 400);
}

// Larger batches are split, so one statement stays well inside max_allowed_packet.
const PEOPLE_PER_STATEMENT = 5_000;
// Deadlock, lock wait timeout, auto-increment lock: another process's batch got in the way. The batch is
// safe to repeat (each step is conditional), so it is, at once, a few times.
const RETRYABLE_ERRNOS = new Set([1213, 1205, 1467]);
const ATTEMPTS = 3;

async function applyWithRetry(pool: Pool, chunk: ViewingEntry[], intervalSeconds: number) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await applyViewingBatch(pool, chunk, intervalSeconds);
    } catch (error) {
      if (attempt >= ATTEMPTS || !RETRYABLE_ERRNOS.has((error as { errno?: number }).errno ?? 0)) throw error;
    }
  }
}

/**
 * Joins and heartbeats wait here and reach the database together, in one
 * batch every few seconds (lib/analytics/apply-viewing-batch.ts): opening
 * /watch costs no database round trip, and 20,000 viewers cost a few
 * statements per batch instead of several per heartbeat. A heartbeat's ack
 * waits for its batch, so it still says whether it was credited.
 *
 * What a crash loses: the events of the batch not yet written, at most one
 * flush window. `stop()` writes them, and server.ts calls it on SIGTERM/SIGINT.
 */
export class HeartbeatBuffer {
  /** By viewingKey(event, person): each person's viewing session of each event is credited on its own. */
  private pending = new Map<string, Pending>();
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private lastFailureLog = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: () => Pool,
    private readonly intervalSeconds: number,
  ) {}

  /** A /watch socket connected: the person's viewing session of the event opens (or resumes) with the next batch. */
  recordJoin(eventId: number, userId: number, at = new Date()) {
    this.entryFor(eventId, userId, at);
  }

  /** A heartbeat; resolves once its batch is written. */
  recordPing(eventId: number, userId: number, at = new Date()): Promise<PingResult> {
    const entry = this.entryFor(eventId, userId, at);
    entry.lastPingAt = at;
    return new Promise((resolve, reject) => entry.waiters.push({ at, resolve, reject }));
  }

  start() {
    this.timer ??= setInterval(() => void this.flush(), flushEveryMs(this.intervalSeconds));
    this.timer.unref();
  }

  /** Stops the timer and writes whatever is waiting. */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /**
   * Writes what is waiting now; batches run one after another, with at most
   * one waiting behind the one running (it takes everything pending when it
   * starts). While the database is away each batch fails only after the
   * pool's 2 s timeout, so chaining one per timer tick would pile up a queue
   * that a shutdown would then wait through.
   */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.running.then(() => {
      this.queued = null;
      return this.writeBatch();
    });
    this.queued = queued;
    // A failed batch must not stop the ones after it (its callers hear of the failure through `queued`).
    this.running = queued.catch(() => {});
    return queued;
  }

  private entryFor(eventId: number, userId: number, at: Date): Pending {
    const key = viewingKey(eventId, userId);
    let entry = this.pending.get(key);
    if (!entry) this.pending.set(key, (entry = { eventId, userId, firstAt: at, lastPingAt: null, waiters: [] }));
    return entry;
  }

  private async writeBatch() {
    if (!this.pending.size) return;
    // In (user, event) order, the unique key's, so concurrent batches (other processes) take their row locks in the same order.
    const entries = [...this.pending.values()].sort((a, b) => a.userId - b.userId || a.eventId - b.eventId);
    this.pending = new Map();
    for (let start = 0; start < entries.length; start += PEOPLE_PER_STATEMENT) {
      const chunk = entries.slice(start, start + PEOPLE_PER_STATEMENT);
      try {
        const results = await applyWithRetry(this.pool(), chunk, this.intervalSeconds);
        for (const entry of chunk) answer(entry, results.get(viewingKey(entry.eventId, entry.userId)));
      } catch (error) {
        this.reportFailure(chunk.length, error);
        for (const entry of chunk) {
          for (const waiter of entry.waiters) waiter.reject(error);
          this.requeue(entry);
        }
      }
    }
  }

  /** While the database is away every batch fails the same way: one line per 10 s, without a stack when it is only that. */
  private reportFailure(count: number, error: unknown) {
    if (Date.now() - this.lastFailureLog < 10_000) return;
    this.lastFailureLog = Date.now();
    const reason = databaseFailureOf(error) === "unreachable" ? (error as Error).message : error;
    console.error(`Writing ${count} viewing sessions failed; they are retried with the next batch:`, reason);
  }

  /** A failed batch is tried again with the next one (the database may be back), unless its events are too old to matter. */
  private requeue({ eventId, userId, firstAt, lastPingAt }: Pending) {
    if (Date.now() - firstAt.getTime() > SESSION_GAP_MS) return;
    const entry = this.entryFor(eventId, userId, firstAt);
    if (firstAt < entry.firstAt) entry.firstAt = firstAt;
    if (lastPingAt && (!entry.lastPingAt || lastPingAt > entry.lastPingAt)) entry.lastPingAt = lastPingAt;
  }
}

/** Exactly one heartbeat is credited when the batch credited the person: their latest in it. */
function answer(entry: Pending, result: ViewingResult | undefined) {
  const creditedAt = result?.isCredited ? entry.lastPingAt : null;
  let isCreditGiven = false;
  for (const waiter of entry.waiters) {
    const isCredited: boolean = !isCreditGiven && waiter.at === creditedAt;
    isCreditGiven ||= isCredited;
    waiter.resolve({ totalMinutes: result?.totalMinutes ?? 0, isCredited });
  }
}
