import { findFeaturedEvent } from "../events/find-event";
import { countWatchingNow } from "../realtime/presence";
import { utcIso } from "../sql-time";
import { reportPool } from "./report-db";
import { bucketSeconds, fillSeries, findPeak, type Bucket, type SeriesPoint } from "./viewers-over-time";

export type ReportSummary = {
  registered: number;
  uniqueViewers: number;
  totalMinutes: number;
  averageMinutes: number;
  watchingNow: number;
  peak: { viewers: number; at: string | null };
  series: SeriesPoint[];
  bucketSeconds: number;
};

// Every session as two events, +1 at its start and -1 at its last heartbeat.
// Ties put joins first, so sessions that touch count as overlapping.
const EVENTS = `SELECT start_time AS t, 1 AS delta FROM session_analytics UNION ALL SELECT last_ping AS t, -1 AS delta FROM session_analytics`;

export async function getReportSummary(): Promise<ReportSummary> {
  const [[people], [watch], [range], watchingNow] = await Promise.all([
    reportPool.query<{ registered: number }[]>("SELECT COUNT(*) AS registered FROM users WHERE role = 'viewer'"),
    reportPool.query<{ viewers: number; minutes: number; sessions: number }[]>(
      "SELECT COUNT(DISTINCT user_id) AS viewers, COALESCE(SUM(total_minutes), 0) AS minutes, COUNT(*) AS sessions FROM session_analytics",
    ),
    reportPool.query<{ first: string | null; last: string | null }[]>("SELECT MIN(start_time) AS first, MAX(last_ping) AS last FROM session_analytics"),
    // Until reports are per event: the featured event's audience.
    findFeaturedEvent().then((event) => (event ? countWatchingNow(event.id) : 0)),
  ]);
  const uniqueViewers = Number(watch.viewers);
  const totalMinutes = Number(watch.minutes);
  const base = {
    registered: Number(people.registered),
    uniqueViewers,
    totalMinutes,
    averageMinutes: uniqueViewers ? Math.round((totalMinutes / uniqueViewers) * 10) / 10 : 0,
    watchingNow,
  };
  if (!range.first || !range.last) return { ...base, peak: { viewers: 0, at: null }, series: [], bucketSeconds: 60 };

  // Every heartbeat moves MAX(last_ping) and every join adds a row, so while this key holds, the
  // sessions (and so the chart and the peak) are exactly the ones already computed.
  // During the event that changes with every heartbeat, so a result up to CHART_MAX_AGE_MS old is reused.
  const key = `${watch.sessions}|${range.first}|${range.last}|${totalMinutes}`;
  const cached = cache.podiumViewersOverTime;
  if (!cached || (cached.key !== key && Date.now() - cached.at > CHART_MAX_AGE_MS)) {
    cache.podiumViewersOverTime = { key, at: Date.now(), value: await viewersOverTime(range.first, range.last) };
  }
  return { ...base, ...cache.podiumViewersOverTime!.value };
}

type OverTime = Pick<ReportSummary, "peak" | "series" | "bucketSeconds">;
const CHART_MAX_AGE_MS = 10_000;
const cache = globalThis as unknown as { podiumViewersOverTime?: { key: string; at: number; value: OverTime } };

async function viewersOverTime(rangeFirst: string, rangeLast: string): Promise<OverTime> {
  const range = { first: rangeFirst, last: rangeLast };
  const firstMs = Date.parse(utcIso(range.first)!);
  const lastMs = Date.parse(utcIso(range.last)!);
  const seconds = bucketSeconds(firstMs, lastMs);
  const count = Math.floor((lastMs - firstMs) / 1000 / seconds) + 1;
  const buckets = await reportPool.query<Bucket[]>(
    `SELECT FLOOR(TIMESTAMPDIFF(MICROSECOND, ?, t) / 1000000 / ?) AS \`index\`, SUM(delta) AS net, MAX(running) AS peak
       FROM (SELECT t, delta, SUM(delta) OVER (ORDER BY t, delta DESC ROWS UNBOUNDED PRECEDING) AS running FROM (${EVENTS}) e) r
      GROUP BY \`index\` ORDER BY \`index\``,
    [range.first, seconds],
  );
  const normalised = buckets.map((bucket) => ({ index: Number(bucket.index), net: Number(bucket.net), peak: Number(bucket.peak) }));
  const series = fillSeries(normalised, count, firstMs, seconds);
  return { peak: await exactPeak(normalised, range.first, seconds), series, bucketSeconds: seconds };
}

/** The peak's exact moment: replay only the busiest bucket's events from the count it started with. */
async function exactPeak(buckets: Bucket[], first: string, seconds: number) {
  const best = buckets.reduce((top, bucket) => (bucket.peak > top.peak ? bucket : top), buckets[0]);
  const startingCount = buckets.filter((bucket) => bucket.index < best.index).reduce((sum, bucket) => sum + bucket.net, 0);
  const events = await reportPool.query<{ t: string; delta: number }[]>(
    `SELECT t, delta FROM (${EVENTS}) e
      WHERE t >= DATE_ADD(?, INTERVAL ? SECOND) AND t < DATE_ADD(?, INTERVAL ? SECOND)
      ORDER BY t, delta DESC`,
    [first, best.index * seconds, first, (best.index + 1) * seconds],
  );
  return findPeak(events.map((event) => ({ at: utcIso(event.t)!, delta: Number(event.delta) })), startingCount);
}
