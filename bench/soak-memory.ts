import { existsSync, readFileSync } from "node:fs";

// The server's memory over the soak, as its preloaded probe wrote it
// (soak-memory-probe.ts), and the trend that says whether it leaks: a
// least-squares line through the points after the warm-up.

export type MemorySample = { kind: "sample"; at: number; rssMb: number; heapUsedMb: number; externalMb: number; loopDelayP99Ms: number };
export type MajorGc = { kind: "gc"; at: number; heapUsedMb: number; rssMb: number };
export type MemoryPoint = { at: number; mb: number };

export type Trend = {
  points: number;
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Over the steady part (after the warm-up); null with fewer than 3 points there. */
  steadyPoints: number;
  slopeMbPerHour: number | null;
  /** What the fitted line adds over the steady part: slope × its length. */
  growthMb: number | null;
  isOverLimit: boolean;
};

/** Everything the probe wrote between `from` and `to` (ms since the epoch). */
export function readMemory(file: string, from: number, to = Infinity): { samples: MemorySample[]; majorGcs: MajorGc[] } {
  const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
  // The last line may be half-written while the server runs.
  const parsed = lines.flatMap((line) => {
    try {
      return line ? [JSON.parse(line) as MemorySample | MajorGc] : [];
    } catch {
      return [];
    }
  });
  const within = parsed.filter((entry) => entry.at >= from && entry.at <= to);
  return { samples: within.filter((entry) => entry.kind === "sample"), majorGcs: within.filter((entry) => entry.kind === "gc") };
}

/** Least-squares slope of y over x; null with fewer than 3 points or no spread in x. */
export function leastSquaresSlope(points: { x: number; y: number }[]): number | null {
  if (points.length < 3) return null;
  const meanX = points.reduce((total, point) => total + point.x, 0) / points.length;
  const meanY = points.reduce((total, point) => total + point.y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance === 0 ? null : covariance / variance;
}

/**
 * A series' trend. It counts as a leak when the slope is over `maxMbPerHour`
 * and the line also adds more than `minGrowthMb` over the steady part: a short
 * run's noise can tilt the line steeply without adding up to anything, while
 * a real leak of that slope does over a long run.
 */
export function trendOf(points: MemoryPoint[], startedAt: number, warmupMs: number, limits: { maxMbPerHour: number; minGrowthMb: number }): Trend {
  const steady = points.filter((point) => point.at - startedAt >= warmupMs);
  const slope = leastSquaresSlope(steady.map((point) => ({ x: (point.at - startedAt) / 3_600_000, y: point.mb })));
  const growthMb = slope === null ? null : (slope * (steady.at(-1)!.at - steady[0].at)) / 3_600_000;
  return {
    points: points.length,
    startMb: points[0]?.mb ?? NaN,
    endMb: points.at(-1)?.mb ?? NaN,
    maxMb: points.length ? Math.max(...points.map((point) => point.mb)) : NaN,
    steadyPoints: steady.length,
    slopeMbPerHour: slope,
    growthMb,
    isOverLimit: slope !== null && growthMb !== null && slope > limits.maxMbPerHour && growthMb > limits.minGrowthMb,
  };
}
