import { RateLimiterMemory, RateLimiterRedis, type IRateLimiterOptions } from "rate-limiter-flexible";
import { getRedis, redisKey } from "./redis";

/**
 * A fixed-window limiter from rate-limiter-flexible: in Redis when REDIS_URL
 * is set, so the limit holds across every process; in memory otherwise. If
 * Redis is away, the in-memory insurance limiter keeps counting in this
 * process rather than letting everything through or refusing everyone.
 */
export function createLimiter(options: IRateLimiterOptions & { keyPrefix: string }) {
  const redis = getRedis();
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({ ...options, keyPrefix: redisKey(`limit:${options.keyPrefix}`), storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
}
