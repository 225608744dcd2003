import { getRedis } from "../redis";

export type RedisHealth = "up" | "down" | "not configured";

/**
 * PING on the shared client, within `timeoutMs`. That client queues nothing
 * while Redis is away, and drops a connection on which Redis stopped
 * answering (lib/redis.ts), so a lost or hung Redis is "down" at once, or
 * within the second it takes to notice a hang.
 */
export async function pingRedis(timeoutMs = 1_000): Promise<RedisHealth> {
  const redis = getRedis();
  if (!redis) return "not configured";
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const answered = redis.ping().then(
      () => true,
      () => false,
    );
    return (await Promise.race([answered, timedOut])) ? "up" : "down";
  } finally {
    clearTimeout(timer);
  }
}
