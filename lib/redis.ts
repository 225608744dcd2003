import { Redis } from "ioredis";
import { env } from "./env";

// Redis, when REDIS_URL is set. Presence, rate limits and sign-in attempts
// share one client that fails fast while Redis is away (they fall back or
// refuse); Socket.IO's adapter gets its own, which queues while Redis is away
// so broadcasts ride out a short outage. Cached on globalThis like lib/db.ts,
// because server.ts and the code Next bundles are separate module graphs.
const globalForRedis = globalThis as unknown as { podiumRedis?: Redis | null };

function createRedis(): Redis | null {
  if (!env.REDIS_URL) return null;
  const redis = new Redis(env.REDIS_URL, {
    // Commands issued in the same tick travel together: a join storm's presence updates cost a few round trips.
    enableAutoPipelining: true,
    // While Redis is away, commands fail at once instead of queueing; callers fall back or refuse.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let isDown = false;
  redis.on("error", (error) => {
    if (!isDown) console.error(`Redis at ${env.REDIS_URL} is unreachable (${error.message}); retrying.`);
    isDown = true;
  });
  redis.on("ready", () => {
    if (isDown) console.log("Redis is back.");
    isDown = false;
  });
  return redis;
}

export function getRedis(): Redis | null {
  if (globalForRedis.podiumRedis === undefined) globalForRedis.podiumRedis = createRedis();
  return globalForRedis.podiumRedis;
}

/** A client for Socket.IO's Redis adapter, which must wait out an outage rather than fail (its reader would spin). */
export function createAdapterRedis(url: string): Redis {
  const redis = new Redis(url, { retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
  redis.on("error", () => {}); // reported by the shared client above
  return redis;
}

/** A key in Podium's part of Redis (REDIS_KEY_PREFIX). */
export const redisKey = (name: string) => `${env.REDIS_KEY_PREFIX}${name}`;
