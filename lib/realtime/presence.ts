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

// Kept on globalThis: the reports page (bundled by Next) reads "watching now"
// from the same process that server.ts's sockets update.
type Presence = { watchingSockets: Map<number, number>; nodeId: string; refresher: NodeJS.Timeout | null; statsTimer: NodeJS.Timeout | null; isStopped: boolean; lastFailureLog: number };
const globalForPresence = globalThis as unknown as { podiumPresence?: Presence };
const presence = (globalForPresence.podiumPresence ??= {
  watchingSockets: new Map(),
  nodeId: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
  refresher: null,
  statsTimer: null,
  isStopped: false,
  lastFailureLog: 0,
});
const { watchingSockets } = presence;

const nodesKey = () => redisKey("watching:nodes");
const nodeKey = (nodeId: string) => redisKey(`watching:node:${nodeId}`);

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

export function addWatcher(userId: number) {
  const sockets = (watchingSockets.get(userId) ?? 0) + 1;
  watchingSockets.set(userId, sockets);
  const redis = getRedis();
  if (sockets > 1 || !redis) return;
  const key = nodeKey(presence.nodeId);
  // The expiry goes with the first member, so a process that dies before its next refresh still drops out.
  redis.sadd(key, userId).catch(logRedisFailure("adding a watcher"));
  redis.expire(key, NODE_TTL_SECONDS).catch(logRedisFailure("adding a watcher"));
}

export function removeWatcher(userId: number) {
  const remaining = (watchingSockets.get(userId) ?? 1) - 1;
  if (remaining > 0) return void watchingSockets.set(userId, remaining);
  watchingSockets.delete(userId);
  getRedis()?.srem(nodeKey(presence.nodeId), userId).catch(logRedisFailure("removing a watcher"));
}

/** Rewrites this process's set whole (so updates lost while Redis was away heal) and keeps it alive. */
async function publishPresence() {
  const redis = getRedis();
  if (!redis) return;
  const key = nodeKey(presence.nodeId);
  const transaction = redis.multi().del(key);
  if (watchingSockets.size) transaction.sadd(key, ...watchingSockets.keys()).expire(key, NODE_TTL_SECONDS);
  await transaction.zadd(nodesKey(), Date.now() + NODE_TTL_SECONDS * 1000, presence.nodeId).exec();
}

/**
 * With Redis: keeps this process's set alive, and refreshes this process's
 * moderators' counts, which also change when another process's viewers come
 * and go (or that process dies) with nothing happening here.
 */
export function startPresence(io: RoomServer) {
  if (!getRedis() || presence.refresher) return;
  void publishPresence().catch(logRedisFailure("publishing"));
  presence.refresher = setInterval(() => {
    void publishPresence().catch(logRedisFailure("refreshing"));
    void currentStats(ROOMS.viewers)
      .then((stats) => io.local.to(ROOMS.moderators).emit("stats", stats))
      .catch((error) => console.error("Refreshing stats failed:", error));
  }, REFRESH_MS);
  presence.refresher.unref();
}

/** At shutdown: this process's watchers leave the count at once instead of when its key expires, and no more counts go out from here. */
export async function stopPresence() {
  presence.isStopped = true;
  if (presence.refresher) clearInterval(presence.refresher);
  if (presence.statsTimer) clearTimeout(presence.statsTimer);
  presence.refresher = presence.statsTimer = null;
  await getRedis()?.multi().del(nodeKey(presence.nodeId)).zrem(nodesKey(), presence.nodeId).exec();
}

/** People watching now, across every process; this process's own count when there is no Redis (or it is away). */
// eventId is ignored for now: the lead makes presence per event and this count with it.
export async function countWatchingNow(_eventId?: number): Promise<number> {
  const redis = getRedis();
  if (!redis) return watchingSockets.size;
  try {
    return Number(await redis.eval(COUNT_WATCHING, 1, nodesKey(), redisKey("watching:node:"), Date.now()));
  } catch (error) {
    logRedisFailure("counting")(error as Error);
    return watchingSockets.size;
  }
}

export async function currentStats(room: string): Promise<RoomStats> {
  const [viewersConnected, snapshot] = await Promise.all([countWatchingNow(), getSnapshot(room)]);
  return { viewersConnected, pendingQuestions: countPending(snapshot) };
}

/** Sends the moderators fresh counts soon: at most one `stats` per STATS_DELAY_MS however many changes. */
export function scheduleStatsBroadcast(io: RoomServer) {
  if (presence.statsTimer || presence.isStopped) return;
  presence.statsTimer = setTimeout(async () => {
    presence.statsTimer = null;
    try {
      io.to(ROOMS.moderators).emit("stats", await currentStats(ROOMS.viewers));
    } catch (error) {
      console.error("Sending stats failed:", error);
    }
  }, STATS_DELAY_MS);
}
