import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { P99_LIMIT_MS } from "./measure-chat";
import type { BenchOptions } from "./options";
import type { BenchResults, Cell, Row } from "./report-rows";

// The table on the console, and bench/results/latest.json (every raw figure)
// and latest.md (the same table), overwritten on each run.

const RESULTS_DIR = path.join(import.meta.dirname, "results");

export type RunInfo = { date: string; command: string; durationSeconds: number; loadAverage: { atStart: number[]; atEnd: number[] }; options: BenchOptions };
export type LogSummary = { file: string; lines: number; samples: string[] };

const number = (value: number, digits: number) => value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function cell(value: Cell, row: Row): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return (Array.isArray(value) ? value : [value]).map((part) => number(part, row.digits)).join(" / ") + (row.unit ?? "");
}

/** Podium ÷ baseline, part by part; "—" unless both are numbers, the baseline's positive (a memory delta can be negative: noise). */
function ratio(row: Row): string {
  const [podium, baseline] = [row.podium, row.baseline].map((value) => (typeof value === "number" ? [value] : Array.isArray(value) ? value : null));
  if (!podium || !baseline || podium.length !== baseline.length || podium.some((value) => value < 0) || baseline.some((value) => value <= 0)) return "—";
  return podium.map((value, index) => `×${number(value / baseline[index], 2)}`).join(" / ");
}

const loads = (averages: number[]) => averages.map((average) => average.toFixed(2)).join(", ");

export function machine() {
  const cpus = os.cpus();
  return { os: `${os.type()} ${os.release()} (${os.arch()})`, cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"}`, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}

/** Lines each server wrote to stderr, with the first few different ones (digits ignored when comparing). */
export function summarizeLogs(files: string[]): LogSummary[] {
  return files.filter(existsSync).map((file) => {
    const lines = readFileSync(file, "utf8").split("\n").filter((line) => line.trim());
    const seen = new Set<string>();
    const samples = lines.filter((line) => !seen.has(line.replace(/\d+/g, "#")) && seen.add(line.replace(/\d+/g, "#"))).slice(0, 3);
    return { file: path.relative(process.cwd(), file), lines: lines.length, samples: samples.map((line) => line.slice(0, 200)) };
  });
}

function sections(rows: Row[]): [string, Row[]][] {
  const grouped = new Map<string, Row[]>();
  for (const row of rows) grouped.set(row.section!, [...(grouped.get(row.section!) ?? []), row]);
  return [...grouped];
}

const columns = (row: Row) => [row.figure, cell(row.podium, row), cell(row.baseline, row), ratio(row)];

function consoleTable(rows: Row[]): string {
  const header = ["Figure", "Podium", "Baseline", "Ratio"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => columns(row)[column].length)));
  const format = (line: string[]) => line.map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]))).join("  ");
  const out = [format(header)];
  for (const [section, sectionRows] of sections(rows)) out.push("", section, ...sectionRows.map((row) => format(columns(row))));
  return out.join("\n");
}

function markdown(rows: Row[], run: RunInfo, logs: LogSummary[]): string {
  const info = machine();
  const out = [
    "# Podium live-room benchmark",
    "",
    `- Date: ${run.date}`,
    `- Machine: ${info.os}, ${info.cpus}, ${info.memoryGb} GB, Node.js ${info.node}`,
    `- Command: \`${run.command}\` (took ${Math.round(run.durationSeconds)} s)`,
    `- Load average (1, 5, 15 min) at start: ${loads(run.loadAverage.atStart)}; at end: ${loads(run.loadAverage.atEnd)}. Other work on the machine skews every figure.`,
    "- Load: socket.io-client over WebSocket only, from worker processes on the same machine as the servers (they share its cores).",
    `- Ratio is Podium ÷ baseline (a bare Socket.IO broadcast server, bench/baseline-server.ts). A rate is held when every message is accepted and reaches every viewer with p99 < ${P99_LIMIT_MS} ms; ` +
      "rates step up until one is not held (20 msg/s is always run), so a server that failed earlier shows \"not run\".",
    `- RSS per viewer is (RSS with N connected − idle RSS of the same fresh process) ÷ N, each read after ${run.options.settleSeconds} s of settling; with a few hundred viewers it is within garbage-collection noise and can come out negative.`,
    "- Database statements are MariaDB's `Questions` on the bench's private server, less the bench's own status queries.",
  ];
  for (const [section, sectionRows] of sections(rows)) {
    out.push("", `## ${section}`, "", "| Figure | Podium | Baseline | Ratio |", "| --- | ---: | ---: | ---: |");
    out.push(...sectionRows.map((row) => `| ${columns(row).join(" | ")} |`));
  }
  out.push("", "## Server stderr", "");
  for (const log of logs) out.push(`- \`${log.file}\`: ${log.lines} lines${log.samples.map((sample) => `\n  - \`${sample.replace(/`/g, "'")}\``).join("")}`);
  return out.join("\n") + "\n";
}

export function writeResults(rows: Row[], results: BenchResults, run: RunInfo, stderrLogs: string[]): void {
  const logs = summarizeLogs(stderrLogs);
  console.log(`\n${consoleTable(rows)}\n`);
  console.log("Server stderr:");
  for (const log of logs) console.log(`  ${log.file}: ${log.lines} lines${log.samples.map((sample) => `\n    ${sample}`).join("")}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const table = rows.map((row) => ({ section: row.section, figure: row.figure, podium: cell(row.podium, row), baseline: cell(row.baseline, row), ratio: ratio(row) }));
  writeFileSync(path.join(RESULTS_DIR, "latest.json"), JSON.stringify({ ...run, machine: machine(), results, table, serverStderr: logs }, null, 2) + "\n");
  writeFileSync(path.join(RESULTS_DIR, "latest.md"), markdown(rows, run, logs));
  console.log(`Load average at start: ${loads(run.loadAverage.atStart)}; at end: ${loads(run.loadAverage.atEnd)}.`);
  console.log(`\nWritten: ${path.relative(process.cwd(), RESULTS_DIR)}/latest.json and latest.md (took ${Math.round(run.durationSeconds)} s).`);
}
