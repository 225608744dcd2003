import { readFileSync } from "node:fs";
import { clock } from "./protocol";

// CPU time and resident memory of given processes, from /proc: shows whether a
// server, the database or the load generator itself was the one out of breath
// (all share this machine's cores). /proc is Linux's, so the benchmarks and
// the soak say so and stop anywhere else (requireLinux).

// /proc counts CPU time in USER_HZ ticks, which Linux fixes at 100 on every architecture it runs on.
const TICKS_PER_SECOND = 100;

export function requireLinux(what: string) {
  if (process.platform === "linux") return;
  console.error(`${what} reads CPU and memory figures from /proc, which only Linux has; run it on a Linux machine.`);
  process.exit(1);
}

function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}

/** Starts measuring; the returned function gives the CPU used since, as % of one core. */
export function startCpuMeter(pids: number[]): () => number {
  const [startCpu, startWall] = [cpuSeconds(pids), clock()];
  return () => ((cpuSeconds(pids) - startCpu) / ((clock() - startWall) / 1000)) * 100;
}

/** A process's resident memory in MB. */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}
