// Concurrent viewers over the event, from the viewing sessions alone: each
// session counts from its start_time to its last_ping. Pure helpers here; the
// SQL that feeds them is in report-summary.ts.

export type Bucket = { index: number; net: number; peak: number };
export type SeriesPoint = { at: string; viewers: number };

/** Bucket length: about `points` buckets over the event, at least a minute, in whole minutes. */
export function bucketSeconds(firstMs: number, lastMs: number, points = 120): number {
  const span = Math.max(0, lastMs - firstMs) / 1000;
  return Math.max(60, Math.ceil(span / points / 60) * 60);
}

/**
 * Turns per-bucket sums into a series. `net` is the change in viewers within
 * the bucket, `peak` the highest running count inside it; a bucket with no
 * joins or leaves carries the count left by the previous one.
 */
export function fillSeries(buckets: Bucket[], count: number, firstMs: number, seconds: number): SeriesPoint[] {
  const byIndex = new Map(buckets.map((bucket) => [bucket.index, bucket]));
  const points: SeriesPoint[] = [];
  let running = 0;
  for (let index = 0; index < count; index++) {
    const bucket = byIndex.get(index);
    const viewers = bucket ? Math.max(bucket.peak, running) : running;
    points.push({ at: new Date(firstMs + index * seconds * 1000).toISOString(), viewers });
    running += bucket?.net ?? 0;
  }
  return points;
}

/** The first moment the running count reaches its highest value, from ordered +1/-1 events. */
export function findPeak(events: { at: string; delta: number }[], startingCount: number): { viewers: number; at: string | null } {
  let running = startingCount;
  let best = { viewers: startingCount, at: null as string | null };
  for (const event of events) {
    running += event.delta;
    if (running > best.viewers) best = { viewers: running, at: event.at };
  }
  return best;
}

/** The gridlines of the chart's y axis: 0, the middle and the top, each written once (a top of 1 has no middle). */
export function axisTicks(max: number): number[] {
  return [...new Set([0, Math.round(max / 2), max])];
}
