import { Redis } from "ioredis";
import { env } from "./env";

// Redis, when REDIS_URL is set. Presence, rate limits and sign-in attempts
// share one client that never makes a caller wait long: while Redis is away,
// or hung (its process frozen, its host swapping: the connection stays open
// and nothing answers), commands fail within REDIS_ANSWER_MS and callers
// fall back or refuse, as they do when it is down. Socket.IO's adapter gets
// its own client, which queues while Redis is away so broadcasts ride out a
// short outage (lib/realtime/local-first-adapter.ts keeps local delivery from
// waiting on it). Cached on globalThis like lib/db.ts, because server.ts and
// the code Next bundles are separate module graphs.
const globalForRedis = globalThis as unknown as { podiumRedis?: Redis | null };

/** The longest any command on the shared client waits for its answer. */
export const REDIS_ANSWER_MS = 1_000;
const TIMED_OUT = "Command timed out";
const NOT_ANSWERING = "Redis is not answering";

/**
 * A command that times out on an open connection means the server stopped
 * answering on it, and the commands behind it would each wait their full
 * REDIS_ANSWER_MS too. The connection is dropped instead: until a new one is
 * ready, commands fail at once (the client queues nothing), exactly as while
 * Redis is down, and the health check says "down".
 *
 * A stalled event loop (a large module loading on a busy machine) can fire a
 * command's timer before its answer, already arrived, is read: one PING, sent
 * after the timeout, tells the two apart. Only if it too goes unanswered is
 * the connection dropped. Meanwhile nothing else is put on that connection:
 * callers fall back at once instead of each waiting another second.
 */
function dropConnectionWhenHung(redis: Redis, onHung: () => void) {
  let isChecking = false;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (command, stream) => {
    if (isChecking && command.name !== "ping") {
      command.reject(new Error(NOT_ANSWERING));
      return command.promise;
    }
    const answer = send(command, stream);
    command.promise.catch((error: Error) => {
      if (error.message !== TIMED_OUT || redis.status !== "ready" || isChecking) return;
      isChecking = true;
      const connection = redis.stream;
      redis
        .ping()
        .catch((pingError: Error) => {
          if (pingError.message !== TIMED_OUT || redis.status !== "ready" || redis.stream !== connection) return;
          onHung();
          connection.destroy();
        })
        .finally(() => (isChecking = false));
    });
    return answer;
  };
}

function createRedis(): Redis | null {
  if (!env.REDIS_URL) return null;
  const redis = new Redis(env.REDIS_URL, {
    // Commands issued in the same tick travel together: a join storm's presence updates cost a few round trips.
    enableAutoPipelining: true,
    // While Redis is away, commands fail at once instead of queueing; callers fall back or refuse.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A hung Redis keeps the connection open: no answer within this is taken as no Redis.
    commandTimeout: REDIS_ANSWER_MS,
    // A command that timed out has had its answer (the caller fell back); sent again later it would count twice.
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let isDown = false;
  dropConnectionWhenHung(redis, () => {
    if (!isDown) console.error(`Redis at ${env.REDIS_URL} did not answer within ${REDIS_ANSWER_MS} ms; reconnecting.`);
    isDown = true;
  });
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

/**
 * A client for Socket.IO's Redis adapter, which must wait out an outage rather
 * than fail (its reader would spin). Nothing waits on it: broadcasts reach this
 * process's sockets first (local-first-adapter.ts), and what it queues while
 * Redis is hung or away reaches the other processes when Redis answers again.
 */
export function createAdapterRedis(url: string): Redis {
  const redis = new Redis(url, { retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
  redis.on("error", () => {}); // reported by the shared client above
  return redis;
}

/** A key in Podium's part of Redis (REDIS_KEY_PREFIX). */
export const redisKey = (name: string) => `${env.REDIS_KEY_PREFIX}${name}`;
