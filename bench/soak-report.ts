import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { percentile } from "./measure-chat";
import { isChatLost, type ChatAudit, type MissingMessage } from "./soak-audit";
import type { MajorGc, MemorySample, Trend } from "./soak-memory";
import type { SoakOptions } from "./soak-options";
import type { SoakTally } from "./soak-tally";
import type { TrafficCounts } from "./soak-traffic";
import { machine, summarizeLogs } from "./write-results";

// bench/results/soak-latest.md (and .json, with every raw figure), and the
// summary on the console: the verdict first, then what it rests on.

const RESULTS_DIR = path.join(import.meta.dirname, "results");

export type SoakRun = {
  date: string;
  command: string;
  durationSeconds: number;
  loadAverage: { atStart: number[]; atEnd: number[] };
  options: SoakOptions;
  loadStartedAt: number;
  tally: SoakTally;
  traffic: TrafficCounts;
  audit: ChatAudit;
  memory: { samples: MemorySample[]; majorGcs: MajorGc[] };
  /** Judged: RSS and heap just after each major collection. Every-5-s samples include garbage (a ~100 MB sawtooth), so they are shown only. */
  trends: { rssAfterGc: Trend; heapAfterGc: Trend; rss: Trend; heapUsed: Trend };
  cpuPercent: { server: number; database: number; soak: number };
  watching: { counted: number | undefined; connected: number };
  stderrLogs: string[];
};

const number = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? "—" : value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const counts = (record: Record<string, number>) =>
  Object.keys(record).length ? Object.entries(record).sort(([, a], [, b]) => b - a).map(([key, count]) => `${key} × ${number(count)}`).join(", ") : "none";
const latency = (histogram: Uint32Array) => {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  const max = histogram.findLastIndex((count) => count > 0);
  return `p50 ${number(percentile(histogram, total, 0.5))} ms, p95 ${number(percentile(histogram, total, 0.95))} ms, p99 ${number(percentile(histogram, total, 0.99))} ms, max ${max < 0 ? "—" : number(max + 1)} ms (${number(total)} samples)`;
};

const describeMissing = (message: MissingMessage) =>
  `id ${message.id} (clientId ${message.sender ?? "none"}, ${message.wasAcked ? "acked" : "ack lost"}` +
  `${message.resumedAfter === null ? "" : `; the viewer already held id ${message.resumedAfter} when it reconnected, so the resync (ids after that) could not bring it`})`;

export function failures(run: SoakRun): string[] {
  const { audit, trends, options } = run;
  return [
    audit.ackedButNotStored.length ? `${audit.ackedButNotStored.length} acked chat messages are not in the database (ids ${audit.ackedButNotStored.slice(0, 10).join(", ")}…)` : null,
    audit.lostDeliveries ? `${number(audit.lostDeliveries)} stored messages never reached ${audit.viewersWithLoss} connected viewers` : null,
    audit.viewersNotConnectedAtEnd.length ? `${audit.viewersNotConnectedAtEnd.length} viewers were not connected at the end, so their chat could not be checked` : null,
    ...JUDGED.map(([series, name]) =>
      trends[series].isOverLimit
        ? `${name} grows ${number(trends[series].slopeMbPerHour, 1)} MB/hour (limit ${options.maxMbPerHour}), ${number(trends[series].growthMb, 1)} MB over the steady part (limit ${options.minGrowthMb})`
        : null,
    ),
  ].filter((line) => line !== null);
}

const JUDGED = [
  ["rssAfterGc", "RSS after major GC"],
  ["heapAfterGc", "Heap after major GC"],
] as const;
const SHOWN = [
  ["rss", "RSS (every sample)"],
  ["heapUsed", "Heap used (every sample)"],
] as const;

function memoryRows(run: SoakRun): string[] {
  return [...JUDGED, ...SHOWN].map(([series, name]) => {
    const trend = run.trends[series];
    const isJudged = JUDGED.some(([judged]) => judged === series);
    const verdict = !isJudged ? "shown only" : trend.slopeMbPerHour === null ? "too few points" : trend.isOverLimit ? "**over**" : "within";
    return `| ${name} | ${trend.points} (${trend.steadyPoints} steady) | ${number(trend.startMb)} | ${number(trend.endMb)} | ${number(trend.maxMb)} | ${number(trend.slopeMbPerHour, 1)} | ${number(trend.growthMb, 1)} | ${verdict} |`;
  });
}

/** One row per minute: the traffic's figures and the server's memory sample nearest the minute's end. */
function minuteRows(run: SoakRun): string[] {
  return run.tally.minutes.map((minute) => {
    const at = run.loadStartedAt + minute.minute * 60_000;
    const sample = run.memory.samples.reduce<MemorySample | undefined>((best, next) => (!best || Math.abs(next.at - at) < Math.abs(best.at - at) ? next : best), undefined);
    const lastGc = run.memory.majorGcs.findLast((gc) => gc.at <= at);
    return `| ${minute.minute} | ${number(minute.sent)} | ${number(minute.acked)} | ${number(minute.refused)} | ${number(minute.timeouts)} | ${number(minute.chatAckP99)} | ${number(sample?.rssMb)} | ${number(lastGc?.heapUsedMb)} | ${number(sample?.loopDelayP99Ms, 1)} |`;
  });
}

function markdown(run: SoakRun, failed: string[]): string {
  const { options, audit, tally } = run;
  const info = machine();
  const events = Object.keys(tally.sent).map((event) => `| ${event} | ${number(tally.sent[event])} | ${number(tally.acked[event] ?? 0)} | ${counts(Object.fromEntries(Object.entries(tally.refused).filter(([key]) => key.startsWith(`${event} `)).map(([key, count]) => [key.split(" ")[1], count])))} | ${number(tally.timeouts[event] ?? 0)} | ${number(tally.cutOff[event] ?? 0)} |`);
  return [
    "# Podium soak test",
    "",
    `**${failed.length ? "FAILED" : "PASSED"}**${failed.length ? `: ${failed.join("; ")}.` : ": every acked chat message is stored and reached every viewer; memory within the limits."}`,
    "",
    `- Date: ${run.date}; took ${Math.round(run.durationSeconds)} s`,
    `- Machine: ${info.os}, ${info.cpus}, ${info.memoryGb} GB, Node.js ${info.node}; load average at start ${run.loadAverage.atStart.map((load) => load.toFixed(2)).join(", ")}, at end ${run.loadAverage.atEnd.map((load) => load.toFixed(2)).join(", ")}`,
    `- Command: \`${run.command}\``,
    `- Load: ${options.viewers} viewers for ${options.minutes} min: chat ${options.chatRate}/s, questions ${options.askRate}/s, votes ${options.upvoteRate}/s, ping every ${options.heartbeatSeconds} s each, ${options.reconnectsPerMinute} network blips/min (a viewer's connection cut, then resumed); one moderator approves every question, answers down to 20 open, hides ${options.hideRate}/s. Each person stays at half of every limit.`,
    `- Server: the real server.ts, production build, private MariaDB, HEARTBEAT_SECONDS=${options.heartbeatSeconds}. CPU over the run (% of one core): server ${number(run.cpuPercent.server)}, MariaDB ${number(run.cpuPercent.database)}, soak (all the viewers) ${number(run.cpuPercent.soak)}.`,
    "",
    "## Chat messages",
    "",
    `- Acked ${number(audit.acked)}; stored ${number(audit.stored)}; **acked but not stored ${number(audit.ackedButNotStored.length)}**; stored but not acked (ack timed out) ${number(audit.storedButNotAcked)}.`,
    `- Viewers checked at the end ${audit.viewersChecked} of ${options.viewers}; **deliveries lost ${number(audit.lostDeliveries)}** (in ${audit.viewersWithLoss} viewers); not connected at the end: ${audit.viewersNotConnectedAtEnd.length ? audit.viewersNotConnectedAtEnd.join(", ") : "none"}.`,
    `- Reconnections: ${audit.viewersThatReconnected} viewers reconnected, ${number(audit.resyncs)} resyncs (state with chatAfter), ${audit.freshStatesAfterReconnect} fresh states instead (away over 500 messages). Missing but excused: ${number(audit.excusedHidden)} left out of a resync as hidden, ${number(audit.excusedSkipped)} skipped by a fresh state.`,
    ...audit.losses.map((loss) => `  - viewer ${loss.viewer}: ${loss.missing} missing (${loss.blips} blips, ${loss.resyncs} resyncs): ${loss.first.map(describeMissing).join("; ")}`),
    `- Chat ack: ${latency(tally.chatAckMs)}`,
    `- Chat delivery (send to arrival, every viewer): ${latency(tally.deliveryMs)}`,
    `- "Watching now" at the end: Podium counted ${run.watching.counted ?? "—"}, ${run.watching.connected} connected.`,
    "",
    "## Errors",
    "",
    `- Handshakes refused (connect_error): ${counts(tally.connectErrors)}`,
    `- Connections dropped by the server or network (not the soak's blips): ${counts(tally.drops)}`,
    `- Actions offered but skipped (the people picked were reconnecting or at half their limit, or no question was approved yet): ${counts(run.traffic.skipped)}`,
    "",
    "| Event | Sent | Acked ok | Error acks by code | Timed out (10 s) | Cut off by a disconnect |",
    "| --- | ---: | ---: | --- | ---: | ---: |",
    ...events,
    "",
    "## Server memory",
    "",
    `Inside the server: RSS and heap every ${options.sampleSeconds} s, and both again just after each major garbage collection (${run.memory.majorGcs.length} during the run), when garbage does not blur them. ` +
      `Trend: least-squares slope after a ${number(options.warmupMinutes, 1)}-minute warm-up; a series is over the limit when its slope is above ${options.maxMbPerHour} MB/hour **and** the line adds over ${options.minGrowthMb} MB across the steady part. ` +
      "Only the after-GC series are judged: the every-sample ones swing ~100 MB between collections.",
    "",
    "| Series | Points | Start MB | End MB | Max MB | Slope MB/hour | Growth over steady part MB | Verdict |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...memoryRows(run),
    "",
    "## Minute by minute",
    "",
    "| Minute | Sent | Acked | Refused | Timed out | Chat ack p99 ms | RSS MB | Heap after last major GC MB | Event loop delay p99 ms |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...minuteRows(run),
    "",
    "## Server stderr",
    "",
    ...summarizeLogs(run.stderrLogs).map((log) => `- \`${log.file}\`: ${log.lines} lines${log.samples.map((sample) => `\n  - \`${sample.replace(/`/g, "'")}\``).join("")}`),
  ].join("\n") + "\n";
}

/** Writes both files and prints the summary; returns the reasons the soak failed (none: passed). */
export function writeSoakResults(run: SoakRun): string[] {
  const failed = failures(run);
  const text = markdown(run, failed);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, "soak-latest.md"), text);
  const { tally, ...rest } = run;
  const json = {
    ...rest,
    passed: failed.length === 0,
    failures: failed,
    machine: machine(),
    isChatLost: isChatLost(run.audit),
    events: { sent: tally.sent, acked: tally.acked, refused: tally.refused, timeouts: tally.timeouts, cutOff: tally.cutOff },
    connectErrors: tally.connectErrors,
    drops: tally.drops,
    minutes: tally.minutes,
    latency: { chatAck: latency(tally.chatAckMs), delivery: latency(tally.deliveryMs) },
  };
  writeFileSync(path.join(RESULTS_DIR, "soak-latest.json"), JSON.stringify(json, null, 2) + "\n");
  // The console gets everything but the per-minute table, which the progress lines already showed.
  console.log(`\n${text.slice(0, text.indexOf("## Minute by minute")).trim()}\n`);
  console.log(`Written: ${path.relative(process.cwd(), RESULTS_DIR)}/soak-latest.md and soak-latest.json`);
  return failed;
}
