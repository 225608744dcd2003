import type { ChatStepResult } from "./measure-chat";
import { P99_LIMIT_MS } from "./measure-chat";
import type { StormResult } from "./measure-storm";
import type { BenchOptions } from "./options";
import type { SessionResult, TwoProcessResult } from "./run-session";
import { sum } from "./sums";

// Turns the raw results into the table's rows: one figure each, Podium beside
// the baseline. Formatting (and the ratio) is left to write-results.ts.

export type ServerResults = { sessions: Record<number, SessionResult>; twoProcesses: TwoProcessResult };
export type BenchResults = { podium: ServerResults; baseline: ServerResults };

/** A number (or several, shown as "a / b / c"), a sentence, or undefined for "does not apply". */
export type Cell = number | number[] | string | undefined;
export type Row = { figure: string; podium: Cell; baseline: Cell; digits: number; unit?: string; section?: string };

const count = (value: number) => value.toLocaleString("en-GB");
const percent = (share: number | undefined) => (share === undefined ? undefined : share * 100);

function stormTime(storm: StormResult): Cell {
  return storm.seconds ?? `not all in: ${count(storm.in)} of ${count(storm.viewers)} after ${storm.timeAllowedSeconds} s`;
}

function messages(storm: StormResult): Cell {
  const entries = Object.entries(storm.failedHandshakesByMessage);
  return entries.length === 0 ? "none" : entries.map(([message, times]) => `"${message}" × ${count(times)}`).join(", ");
}

function latencies(step: ChatStepResult | undefined): Cell {
  if (!step) return "not run";
  return step.p50 === null ? "nothing arrived" : [step.p50, step.p95!, step.p99!];
}

function stormRows(label: string, podium: StormResult, baseline: StormResult, counterLabel: string): Row[] {
  return [
    { figure: `${label}: seconds until all are in`, podium: stormTime(podium), baseline: stormTime(baseline), digits: 2, unit: " s" },
    { figure: `${label}: failed handshakes (connect_error)`, podium: podium.failedHandshakes, baseline: baseline.failedHandshakes, digits: 0 },
    { figure: `${label}: connect_error messages`, podium: messages(podium), baseline: messages(baseline), digits: 0 },
    { figure: `${label}: database statements per connecting viewer`, podium: podium.statementsPerViewer, baseline: undefined, digits: 2 },
    { figure: `${label}: viewers counted by the server (${counterLabel})`, podium: podium.serverCounted, baseline: undefined, digits: 0 },
    { figure: `${label}: CPU, server / load workers (% of one core)`, podium: [podium.cpuPercent.server, podium.cpuPercent.load], baseline: [baseline.cpuPercent.server, baseline.cpuPercent.load], digits: 0, unit: " %" },
    { figure: `${label}: CPU, database (% of one core)`, podium: podium.cpuPercent.database, baseline: undefined, digits: 0, unit: " %" },
  ];
}

function chatRows(label: string, podium: ChatStepResult | undefined, baseline: ChatStepResult | undefined): Row[] {
  const refusals = (step: ChatStepResult | undefined): Cell => (step ? [step.refused, step.ackTimeouts + step.unsent] : "not run");
  const cpu = (step: ChatStepResult | undefined): Cell => (step ? [step.cpuPercent.server, step.cpuPercent.load] : "not run");
  return [
    { figure: `${label}: delivered`, podium: percent(podium?.deliveryShare) ?? "not run", baseline: percent(baseline?.deliveryShare) ?? "not run", digits: 2, unit: " %" },
    { figure: `${label}: latency p50 / p95 / p99`, podium: latencies(podium), baseline: latencies(baseline), digits: 0, unit: " ms" },
    { figure: `${label}: acks refused / unanswered`, podium: refusals(podium), baseline: refusals(baseline), digits: 0 },
    { figure: `${label}: CPU, server / load workers (% of one core)`, podium: cpu(podium), baseline: cpu(baseline), digits: 0, unit: " %" },
  ];
}

export function buildRows(results: BenchResults, options: BenchOptions): Row[] {
  const { podium, baseline } = results;
  const rows: Row[] = [];
  const sizes = [...new Set([...options.storms, options.chatViewers, options.heartbeatViewers])].sort((a, b) => a - b);
  for (const size of sizes) {
    const [p, b] = [podium.sessions[size], baseline.sessions[size]];
    rows.push(...stormRows(`Join storm, ${count(size)} viewers`, p.storm, b.storm, "moderator stats").map((row) => ({ ...row, section: "Join storms" })));
  }
  for (const size of sizes) {
    const [p, b] = [podium.sessions[size].memory, baseline.sessions[size].memory];
    rows.push(
      { section: "Memory", figure: `Idle RSS, warm (one socket; Podium also one page load), before the ${count(size)} storm`, podium: p.idleMb, baseline: b.idleMb, digits: 1, unit: " MB" },
      { section: "Memory", figure: `RSS with ${count(size)} viewers connected`, podium: p.loadedMb, baseline: b.loadedMb, digits: 1, unit: " MB" },
      { section: "Memory", figure: `RSS per connected viewer (${count(size)})`, podium: p.perViewerKb, baseline: b.perViewerKb, digits: 1, unit: " KB" },
      { section: "Memory", figure: `Sockets dropped by the server, ${count(size)} session`, podium: podium.sessions[size].droppedSockets, baseline: baseline.sessions[size].droppedSockets, digits: 0 },
    );
  }

  const [podiumChat, baselineChat] = [podium.sessions[options.chatViewers].chat!, baseline.sessions[options.chatViewers].chat!];
  for (const rate of options.chatRates) {
    const [p, b] = [podiumChat, baselineChat].map((chat) => chat.steps.find((step) => step.rate === rate));
    // Stepping up stops after the first rate not held (REQUIRED_RATE aside): rates neither server reached get no rows.
    if (!p && !b) continue;
    const label = `Chat, ${count(options.chatViewers)} viewers × ${rate} msg/s for ${options.chatSeconds} s`;
    rows.push(...chatRows(label, p, b).map((row) => ({ ...row, section: "Chat fan-out" })));
  }
  const held = (rate: number | null): Cell => rate ?? "none";
  rows.push({
    section: "Chat fan-out",
    figure: `Highest rate held (every message accepted and delivered, p99 < ${P99_LIMIT_MS} ms)`,
    podium: held(podiumChat.highestHeld),
    baseline: held(baselineChat.highestHeld),
    digits: 0,
    unit: " msg/s",
  });

  const heartbeat = podium.sessions[options.heartbeatViewers].heartbeat!;
  const beat = `${count(heartbeat.viewers)} viewers pinging every ${heartbeat.intervalSeconds} s (= ${count(heartbeat.equivalentViewersAt60s)} at 60 s)`;
  rows.push(
    { section: "Heartbeat", figure: `Database statements/s, ${beat}; target ≤ 1`, podium: heartbeat.statementsPerSecond, baseline: undefined, digits: 2 },
    { section: "Heartbeat", figure: `Database statements/s, same viewers connected, not pinging`, podium: heartbeat.idleStatementsPerSecond, baseline: undefined, digits: 2 },
    { section: "Heartbeat", figure: `Pings sent in the ${Math.round(heartbeat.windowSeconds)} s window: acked / sent`, podium: [heartbeat.pings.acked, heartbeat.pings.sent], baseline: undefined, digits: 0 },
    { section: "Heartbeat", figure: `Pings credited / refused / unanswered`, podium: [heartbeat.pings.credited, sum(Object.values(heartbeat.pings.refused)), heartbeat.pings.timeouts], baseline: undefined, digits: 0 },
    { section: "Heartbeat", figure: `Database statements per acked ping`, podium: heartbeat.statementsPerPing ?? "no ping acked", baseline: undefined, digits: 2 },
  );

  const [p2, b2] = [podium.twoProcesses, baseline.twoProcesses];
  const two = "2 processes on Redis";
  rows.push(
    ...stormRows(`${two}, join storm of ${count(options.redisViewers)}`, p2.storm, b2.storm, "moderator on process 1"),
    ...chatRows(`${two}, chat ${options.redisRate} msg/s`, p2.chat, b2.chat),
    { figure: `${two}, chat ${options.redisRate} msg/s: delivered across processes`, podium: percent(p2.chat.crossProcessShare), baseline: percent(b2.chat.crossProcessShare), digits: 2, unit: " %" },
    { figure: `${two}: sockets dropped by the server`, podium: p2.droppedSockets, baseline: b2.droppedSockets, digits: 0 },
  );
  return rows.map((row) => ({ ...row, section: row.section ?? two }));
}
