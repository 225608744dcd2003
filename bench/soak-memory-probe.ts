// Preloaded into the server under test by the soak (node --import, before
// server.ts). Appends JSON lines to PODIUM_SOAK_MEMORY_FILE: every
// PODIUM_SOAK_MEMORY_MS a sample of process.memoryUsage() and the event
// loop's delay, and after every major garbage collection the heap still in
// use and the RSS. The V8 heap is only visible from inside the process (/proc
// shows just RSS), and only figures taken just after a major collection tell
// live data from garbage: between collections the heap (and with it RSS)
// climbs by ~100 MB and falls back.
import { appendFileSync } from "node:fs";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const file = process.env.PODIUM_SOAK_MEMORY_FILE;
const intervalMs = Number(process.env.PODIUM_SOAK_MEMORY_MS) || 5_000;
const MB = 1024 * 1024;
const write = (line: object) => appendFileSync(file!, `${JSON.stringify(line)}\n`);

if (file) {
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  setInterval(() => {
    const memory = process.memoryUsage();
    const loopDelayP99Ms = loopDelay.percentile(99) / 1e6;
    loopDelay.reset();
    write({ kind: "sample", at: Date.now(), rssMb: memory.rss / MB, heapUsedMb: memory.heapUsed / MB, externalMb: memory.external / MB, loopDelayP99Ms });
  }, intervalMs).unref();

  // Delivered just after the collection: what little was allocated since is within noise.
  new PerformanceObserver((list) => {
    const isMajor = list.getEntries().some((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!isMajor) return;
    const memory = process.memoryUsage();
    write({ kind: "gc", at: Date.now(), heapUsedMb: memory.heapUsed / MB, rssMb: memory.rss / MB });
  }).observe({ entryTypes: ["gc"] });
}
