import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { clock } from "./protocol";

// CPU time of given processes, from /proc: shows whether a server, the database
// or the load generator itself was the one out of breath (all share this machine's cores).

const TICKS_PER_SECOND = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

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
