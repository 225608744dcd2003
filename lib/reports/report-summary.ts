import { countWatchingNow } from "../realtime/presence";
import { utcIso } from "../sql-time";
import { reportPool } from "./report-db";
import { averagePerViewer } from "./report-rows";
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

// Every session of the event as two moves, +1 at its start and -1 at its last heartbeat.
// Ties put joins first, so sessions that touch count as overlapping. Two placeholders, both the event.
const MOVES = `SELECT start_time AS t, 1 AS delta FROM session_analytics WHERE event_id = ? UNION ALL SELECT last_ping AS t, -1 AS delta FROM session_analytics WHERE event_id = ?`;

/** One event's headline figures and its viewers-over-time chart. */
export async function getReportSummary(eventId: number): Promise<ReportSummary> {
  const [[people], [watch], [range], watchingNow] = await Promise.all([
    reportPool.query<{ registered: number }[]>(
      "SELECT COUNT(*) AS registered FROM registrations r STRAIGHT_JOIN users u ON u.id = r.user_id WHERE r.event_id = ? AND u.role = 'viewer'",
      [eventId],
    ),
    reportPool.query<{ viewers: number; minutes: number; sessions: number }[]>(
      "SELECT COUNT(DISTINCT user_id) AS viewers, COALESCE(SUM(total_minutes), 0) AS minutes, COUNT(*) AS sessions FROM session_analytics WHERE event_id = ?",
      [eventId],
    ),
    reportPool.query<{ first: string | null; last: string | null }[]>("SELECT MIN(start_time) AS first, MAX(last_ping) AS last FROM session_analytics WHERE event_id = ?", [eventId]),
    countWatchingNow(eventId),
  ]);
  const uniqueViewers = Number(watch.viewers);
  const totalMinutes = Number(watch.minutes);
  const base = {
    registered: Number(people.registered),
    uniqueViewers,
    totalMinutes,
    averageMinutes: averagePerViewer(totalMinutes, uniqueViewers),
    watchingNow,
  };
  if (!range.first || !range.last) return { ...base, peak: { viewers: 0, at: null }, series: [], bucketSeconds: 60 };

  // Every heartbeat moves MAX(last_ping) and every join adds a row, so while this key holds, the
  // event's sessions (and so the chart and the peak) are exactly the ones already computed.
  // During the event that changes with every heartbeat, so a result up to CHART_MAX_AGE_MS old is reused.
  const key = `${watch.sessions}|${range.first}|${range.last}|${totalMinutes}`;
  const charts = (cache.podiumViewersOverTime ??= new Map());
  let cached = charts.get(eventId);
  if (!cached || (cached.key !== key && Date.now() - cached.at > CHART_MAX_AGE_MS)) {
    cached = { key, at: Date.now(), value: await viewersOverTime(eventId, range.first, range.last) };
    // Re-inserted at the end, so the first entry is always the one read longest ago.
    charts.delete(eventId);
    charts.set(eventId, cached);
    if (charts.size > CHARTS_KEPT) charts.delete(charts.keys().next().value!);
  }
  return { ...base, ...cached.value };
}

type OverTime = Pick<ReportSummary, "peak" | "series" | "bucketSeconds">;
const CHART_MAX_AGE_MS = 10_000;
// A deliberate per-process cache (the data lives in the database): one chart per event whose reports
// were opened, the least recently computed dropped beyond this many. On globalThis so tests can clear it.
const CHARTS_KEPT = 50;
const cache = globalThis as unknown as { podiumViewersOverTime?: Map<number, { key: string; at: number; value: OverTime }> };

async function viewersOverTime(eventId: number, rangeFirst: string, rangeLast: string): Promise<OverTime> {
  const range = { first: rangeFirst, last: rangeLast };
  const firstMs = Date.parse(utcIso(range.first)!);
  const lastMs = Date.parse(utcIso(range.last)!);
  const seconds = bucketSeconds(firstMs, lastMs);
  const count = Math.floor((lastMs - firstMs) / 1000 / seconds) + 1;
  const buckets = await reportPool.query<Bucket[]>(
    `SELECT FLOOR(TIMESTAMPDIFF(MICROSECOND, ?, t) / 1000000 / ?) AS \`index\`, SUM(delta) AS net, MAX(running) AS peak
       FROM (SELECT t, delta, SUM(delta) OVER (ORDER BY t, delta DESC ROWS UNBOUNDED PRECEDING) AS running FROM (${MOVES}) e) r
      GROUP BY \`index\` ORDER BY \`index\``,
    [range.first, seconds, eventId, eventId],
  );
  const normalised = buckets.map((bucket) => ({ index: Number(bucket.index), net: Number(bucket.net), peak: Number(bucket.peak) }));
  const series = fillSeries(normalised, count, firstMs, seconds);
  return { peak: await exactPeak(eventId, normalised, range.first, seconds), series, bucketSeconds: seconds };
}

/** The peak's exact moment: replay only the busiest bucket's events from the count it started with. */
async function exactPeak(eventId: number, buckets: Bucket[], first: string, seconds: number) {
  const best = buckets.reduce((top, bucket) => (bucket.peak > top.peak ? bucket : top), buckets[0]);
  const startingCount = buckets.filter((bucket) => bucket.index < best.index).reduce((sum, bucket) => sum + bucket.net, 0);
  const events = await reportPool.query<{ t: string; delta: number }[]>(
    `SELECT t, delta FROM (${MOVES}) e
      WHERE t >= DATE_ADD(?, INTERVAL ? SECOND) AND t < DATE_ADD(?, INTERVAL ? SECOND)
      ORDER BY t, delta DESC`,
    [eventId, eventId, first, best.index * seconds, first, (best.index + 1) * seconds],
  );
  return findPeak(events.map((event) => ({ at: utcIso(event.t)!, delta: Number(event.delta) })), startingCount);
}
