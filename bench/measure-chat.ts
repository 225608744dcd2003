import { startCpuMeter } from "./process-usage";
import type { LoadPool } from "./load-pool";
import { sleep } from "./processes";
import { clock, HISTOGRAM_BUCKETS, type ChatReply, type TallyReply } from "./protocol";
import { mergeCounts, sum } from "./sums";

export type ChatStepResult = {
  rate: number;
  seconds: number;
  viewers: number;
  sent: number;
  acked: number;
  refused: number;
  refusedByCode: Record<string, number>;
  ackTimeouts: number;
  /** Messages due while the worker had no connected viewer to send them. */
  unsent: number;
  /** Acked messages × viewers connected (on every process). */
  expected: number;
  received: number;
  deliveryShare: number;
  /** With several processes: the same, for messages sent through another process than the viewer's. */
  crossProcessShare?: number;
  /** Milliseconds, 1 ms buckets rounded up; null when nothing arrived. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** % of one core from the first send to the end of the drain. */
  cpuPercent: { server: number; load: number };
  /** Every message accepted, every one delivered to every viewer, p99 under P99_LIMIT_MS. */
  held: boolean;
};

export const P99_LIMIT_MS = 250;
// The issue asks for the 20 msg/s row whatever happens at lower rates.
const REQUIRED_RATE = 20;
const ACK_TIMEOUT_MS = 10_000;
const DRAIN_MS = 5_000;

let nextStep = 0;

export function percentile(histogram: Uint32Array, total: number, share: number): number | null {
  if (total === 0) return null;
  const rank = Math.ceil(share * total);
  let seen = 0;
  for (let ms = 0; ms < histogram.length; ms++) {
    seen += histogram[ms];
    if (seen >= rank) return ms + 1;
  }
  return histogram.length;
}

/** One offered rate for `seconds`, senders rotating over all connected viewers; `connectedByProc` says who should receive. */
export async function chatStep(pool: LoadPool, rate: number, seconds: number, connectedByProc: number[], serverPids: number[]): Promise<ChatStepResult> {
  const step = nextStep++;
  const cpu = { server: startCpuMeter(serverPids), load: startCpuMeter(pool.pids) };
  const procs = connectedByProc.length;
  const startAt = clock() + 500;
  const replies = await pool.each<ChatReply>(
    // Workers interleave: together their sends are evenly spaced at `rate`.
    (index) => ({ type: "chat", step, procs, ratePerSecond: rate / pool.size, offsetMs: (index * 1000) / rate, startAt, durationMs: seconds * 1000, ackTimeoutMs: ACK_TIMEOUT_MS }),
    seconds * 1000 + ACK_TIMEOUT_MS + 30_000,
  );
  const acked = connectedByProc.map((_, proc) => sum(replies.map((reply) => reply.ackedByProc[proc])));
  const pairs = connectedByProc.flatMap((viewers, to) => acked.map((count, from) => ({ from, to, expected: count * viewers })));
  const expected = sum(pairs.map((pair) => pair.expected));

  let tallies: TallyReply[] = [];
  const receivedBy = (keep: (pair: { from: number; to: number }) => boolean) =>
    sum(pairs.filter(keep).flatMap(({ from, to }) => tallies.map((tally) => tally.received[from][to])));
  // Acks come after the broadcast, so little is still on its way; wait a bounded while for it.
  for (let waited = 0; waited <= DRAIN_MS; waited += 250) {
    tallies = await pool.each<TallyReply>(() => ({ type: "tally", step }));
    if (receivedBy(() => true) >= expected) break;
    await sleep(250);
  }
  const received = receivedBy(() => true);
  const cpuPercent = { server: cpu.server(), load: cpu.load() };
  const histogram = new Uint32Array(HISTOGRAM_BUCKETS);
  for (const tally of tallies) tally.histogram.forEach((count, ms) => (histogram[ms] += count));

  const refusedByCode = mergeCounts(replies.map((reply) => reply.refused));
  const crossExpected = sum(pairs.filter(({ from, to }) => from !== to).map((pair) => pair.expected));
  const result: ChatStepResult = {
    rate,
    seconds,
    viewers: sum(connectedByProc),
    sent: sum(replies.map((reply) => reply.sent)),
    acked: sum(acked),
    refused: sum(Object.values(refusedByCode)),
    refusedByCode,
    ackTimeouts: sum(replies.map((reply) => reply.ackTimeouts)),
    unsent: sum(replies.map((reply) => reply.unsent)),
    expected,
    received,
    deliveryShare: expected === 0 ? 0 : received / expected,
    crossProcessShare: procs > 1 ? (crossExpected === 0 ? 0 : receivedBy(({ from, to }) => from !== to) / crossExpected) : undefined,
    p50: percentile(histogram, received, 0.5),
    p95: percentile(histogram, received, 0.95),
    p99: percentile(histogram, received, 0.99),
    cpuPercent,
    held: false,
  };
  result.held = result.unsent === 0 && result.acked === result.sent && expected > 0 && received >= expected && result.p99 !== null && result.p99 < P99_LIMIT_MS;
  console.log(
    `    ${rate} msg/s: ${(result.deliveryShare * 100).toFixed(2)} % delivered, p99 ${result.p99 ?? "—"} ms, ${result.refused + result.ackTimeouts} refused or unanswered, ` +
      `CPU ${cpuPercent.server.toFixed(0)} % server, ${cpuPercent.load.toFixed(0)} % load`,
  );
  return result;
}

/** Steps up through the rates until one is not held (always through REQUIRED_RATE); the highest held before that. */
export async function runChatSteps(pool: LoadPool, rates: number[], seconds: number, connectedByProc: number[], serverPids: number[]) {
  const steps: ChatStepResult[] = [];
  let highestHeld: number | null = null;
  for (const rate of rates) {
    const step = await chatStep(pool, rate, seconds, connectedByProc, serverPids);
    steps.push(step);
    const isStillHolding = steps.every((earlier) => earlier.held);
    if (isStillHolding) highestHeld = rate;
    if (!isStillHolding && rate >= REQUIRED_RATE) break;
  }
  return { steps, highestHeld };
}
