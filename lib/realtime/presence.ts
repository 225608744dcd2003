import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getRedis, redisKey } from "../redis";
import { ROOMS, type RoomStats } from "./contract";
import type { RoomServer } from "./io";
import { countPending, getSnapshot } from "./room-snapshot";

// Who is watching right now: people (not tabs) with at least one /watch socket.
// Each process counts its own sockets in memory. With Redis, each process also
// keeps the set of people it holds under a key of its own that expires unless
// refreshed, so a crashed process drops out within NODE_TTL_SECONDS, and
// "watching now" is the size of the union of every live process's set.

const STATS_DELAY_MS = 500;
const NODE_TTL_SECONDS = 30;
const REFRESH_MS = 10_000;

// Kept on globalThis: the reports and /events pages (bundled by Next) read "watching now"
// from the same process that server.ts's sockets update.
type Presence = {
  /** Event id → person → their /watch sockets in this process. */
  watchingSockets: Map<number, Map<number, number>>;
  nodeId: string;
  refresher: NodeJS.Timeout | null;
  statsTimer: NodeJS.Timeout | null;
  /** Events whose moderators get fresh counts when the timer fires. */
  statsDue: Set<number>;
  isStopped: boolean;
  lastFailureLog: number;
};
const globalForPresence = globalThis as unknown as { podiumPresence?: Presence };
const presence = (globalForPresence.podiumPresence ??= {
  watchingSockets: new Map(),
  nodeId: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
  refresher: null,
  statsTimer: null,
  statsDue: new Set(),
  isStopped: false,
  lastFailureLog: 0,
});
const { watchingSockets } = presence;

const nodesKey = () => redisKey("watching:nodes");
/** One key per event per process; the event's count is the union of its keys over the live processes. */
const eventPrefix = (eventId: number) => redisKey(`watching:${eventId}:node:`);
const nodeKey = (eventId: number, nodeId: string) => `${eventPrefix(eventId)}${nodeId}`;

// The union of the sets of the processes alive now. The list of processes is a
// sorted set scored by when each one's entry lapses (it refreshes it).
const COUNT_WATCHING = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local keys = {}
for _, node in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do keys[#keys + 1] = ARGV[1] .. node end
if #keys == 0 then return 0 end
return #redis.call('SUNION', unpack(keys))`;

/** While Redis is away every join would fail the same way: one line per 10 s is enough. */
function logRedisFailure(what: string) {
  return (error: Error) => {
    if (Date.now() - presence.lastFailureLog < 10_000) return;
    presence.lastFailureLog = Date.now();
    console.error(`Presence: ${what} failed (${error.message}).`);
  };
}

export function addWatcher(eventId: number, userId: number) {
  const people = watchingSockets.get(eventId) ?? watchingSockets.set(eventId, new Map()).get(eventId)!;
  const sockets = (people.get(userId) ?? 0) + 1;
  people.set(userId, sockets);
  const redis = getRedis();
  if (sockets > 1 || !redis) return;
  const key = nodeKey(eventId, presence.nodeId);
  // The expiry goes with the first member, so a process that dies before its next refresh still drops out.
  redis.sadd(key, userId).catch(logRedisFailure("adding a watcher"));
  redis.expire(key, NODE_TTL_SECONDS).catch(logRedisFailure("adding a watcher"));
}

export function removeWatcher(eventId: number, userId: number) {
  const people = watchingSockets.get(eventId);
  const remaining = (people?.get(userId) ?? 1) - 1;
  if (remaining > 0) return void people!.set(userId, remaining);
  people?.delete(userId);
  // The event's (now empty) set is deleted by Redis itself; the map forgets it at the next refresh.
  getRedis()?.srem(nodeKey(eventId, presence.nodeId), userId).catch(logRedisFailure("removing a watcher"));
}

/** Rewrites this process's sets whole (so updates lost while Redis was away heal) and keeps them alive. */
async function publishPresence() {
  const redis = getRedis();
  if (!redis) return;
  const transaction = redis.multi();
  for (const [eventId, people] of watchingSockets) {
    const key = nodeKey(eventId, presence.nodeId);
    transaction.del(key);
    if (people.size) transaction.sadd(key, ...people.keys()).expire(key, NODE_TTL_SECONDS);
    else watchingSockets.delete(eventId);
  }
  await transaction.zadd(nodesKey(), Date.now() + NODE_TTL_SECONDS * 1000, presence.nodeId).exec();
}

/** Events whose moderators sit on this process (their counts change with other processes' viewers too). */
function eventsWithModerators(io: RoomServer): number[] {
  const events: number[] = [];
  for (const room of io.of("/").adapter.rooms.keys()) {
    const match = /^event:(\d+):moderators$/.exec(room);
    if (match) events.push(Number(match[1]));
  }
  return events;
}

/**
 * With Redis: keeps this process's sets alive, and refreshes this process's
 * moderators' counts, which also change when another process's viewers come
 * and go (or that process dies) with nothing happening here.
 */
export function startPresence(io: RoomServer) {
  if (!getRedis() || presence.refresher) return;
  void publishPresence().catch(logRedisFailure("publishing"));
  presence.refresher = setInterval(() => {
    void publishPresence().catch(logRedisFailure("refreshing"));
    for (const eventId of eventsWithModerators(io)) {
      void currentStats(eventId)
        .then((stats) => io.local.to(ROOMS.moderators(eventId)).emit("stats", stats))
        .catch((error) => console.error("Refreshing stats failed:", error));
    }
  }, REFRESH_MS);
  presence.refresher.unref();
}

/** At shutdown: this process's watchers leave the counts at once instead of when its keys expire, and no more counts go out from here. */
export async function stopPresence() {
  presence.isStopped = true;
  if (presence.refresher) clearInterval(presence.refresher);
  if (presence.statsTimer) clearTimeout(presence.statsTimer);
  presence.refresher = presence.statsTimer = null;
  const transaction = getRedis()?.multi();
  if (!transaction) return;
  for (const eventId of watchingSockets.keys()) transaction.del(nodeKey(eventId, presence.nodeId));
  await transaction.zrem(nodesKey(), presence.nodeId).exec();
}

/** People watching an event now, across every process; this process's own count when there is no Redis (or it is away). */
export async function countWatchingNow(eventId: number): Promise<number> {
  const local = () => watchingSockets.get(eventId)?.size ?? 0;
  const redis = getRedis();
  if (!redis) return local();
  try {
    return Number(await redis.eval(COUNT_WATCHING, 1, nodesKey(), eventPrefix(eventId), Date.now()));
  } catch (error) {
    logRedisFailure("counting")(error as Error);
    return local();
  }
}

export async function currentStats(eventId: number): Promise<RoomStats> {
  const [viewersConnected, snapshot] = await Promise.all([countWatchingNow(eventId), getSnapshot(eventId)]);
  return { viewersConnected, pendingQuestions: countPending(snapshot) };
}

/** Sends an event's moderators fresh counts soon: at most one `stats` per event per STATS_DELAY_MS however many changes. */
export function scheduleStatsBroadcast(io: RoomServer, eventId: number) {
  if (presence.isStopped) return;
  presence.statsDue.add(eventId);
  presence.statsTimer ??= setTimeout(() => {
    presence.statsTimer = null;
    const due = [...presence.statsDue];
    presence.statsDue.clear();
    for (const event of due) {
      currentStats(event)
        .then((stats) => io.to(ROOMS.moderators(event)).emit("stats", stats))
        .catch((error) => console.error("Sending stats failed:", error));
    }
  }, STATS_DELAY_MS);
}
