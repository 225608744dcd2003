import { createHmac } from "node:crypto";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type IRateLimiterOptions, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "./env";
import { getRedis, redisKey } from "./redis";

/**
 * What a limit is counted under in Redis: an HMAC of its key (an email, an
 * address, a person's id), not the key itself, so whoever can read Redis
 * learns no email or address, and cannot test guesses without the server's
 * secret. Every process shares SESSION_SECRET (env.ts requires it with
 * REDIS_URL), so they all count the same person under the same name.
 */
export function hashLimitKey(key: string | number): string {
  return createHmac("sha256", env.SESSION_SECRET).update(`limit:${key}`).digest("base64url").slice(0, 22);
}

class HashedKeyLimiter extends RateLimiterRedis {
  getKey(key: string | number): string {
    return super.getKey(hashLimitKey(key));
  }
}

/**
 * A fixed-window limiter from rate-limiter-flexible: in Redis when REDIS_URL
 * is set, so the limit holds across every process; in memory otherwise. If
 * Redis is away or does not answer within a second (lib/redis.ts), the
 * in-memory insurance limiter keeps counting in this process rather than
 * letting everything through or refusing everyone.
 */
export function createLimiter(options: IRateLimiterOptions & { keyPrefix: string }) {
  const redis = getRedis();
  if (!redis) return new RateLimiterMemory(options);
  return new HashedKeyLimiter({ ...options, keyPrefix: redisKey(`limit:${options.keyPrefix}`), storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
}

/**
 * Counts one attempt, atomically (an INCR in Redis): of many sent at once,
 * no more than the limit are let through. Returns 0 when it may go ahead,
 * otherwise the milliseconds until the window lets the next one in.
 */
export async function consumeOrWait(limiter: RateLimiterAbstract, key: string | number): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.max(1_000, error.msBeforeNext);
    throw error;
  }
}

/** "Try again in …" for people: seconds up to two minutes, then whole minutes. */
export function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1_000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
