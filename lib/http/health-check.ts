import type { IncomingMessage, ServerResponse } from "node:http";
import { isDatabaseDown, pingDatabase } from "../health/database-health";
import { pingRedis, type RedisHealth } from "../health/redis-health";

// GET /healthz, for a load balancer: can this process serve? Answered in
// server.ts before Next (it must work when Next or the database does not),
// without a session, never cached downstream (the process itself keeps its
// answer for a second, below), and it says nothing but up or down: no
// versions, hosts or error messages.
//
// 503 only when the database is down: without it no page can be served. A
// Redis outage, dead or hung, is "degraded" but 200, because each process
// keeps serving its own clients (only cross-process broadcasts wait), and
// taking every process out of rotation for it would turn a partial outage
// into a total one. That holds for a hung Redis only because no use of it
// waits more than a second for an answer (lib/redis.ts).

type Health = { status: "ok" | "degraded" | "unavailable"; database: "up" | "down"; redis: RedisHealth };

// One round of pings at a time, and its answer serves every caller for
// CACHE_MS: a flood of /healthz (or many load balancers) costs the database
// at most one connection a second per process, however many ask.
const CACHE_MS = 1_000;
let checking: Promise<Health> | null = null;
let latest: { health: Health; at: number } | null = null;

function currentHealth(): Promise<Health> {
  if (latest && Date.now() - latest.at < CACHE_MS) return Promise.resolve(withDatabaseAsKnown(latest.health));
  checking ??= checkHealth()
    .then((health) => {
      latest = { health, at: Date.now() };
      return health;
    })
    .finally(() => (checking = null));
  return checking;
}

function healthOf(isDatabaseUp: boolean, redis: RedisHealth): Health {
  return { status: !isDatabaseUp ? "unavailable" : redis === "down" ? "degraded" : "ok", database: isDatabaseUp ? "up" : "down", redis };
}

async function checkHealth(): Promise<Health> {
  const [isDatabaseUp, redis] = await Promise.all([pingDatabase(), pingRedis()]);
  return healthOf(isDatabaseUp, redis);
}

/**
 * A kept answer, updated with what this process learnt since (a query that
 * found the database away, or the probe that found it back): those cost no
 * connection, and a load balancer hears of them at once.
 */
function withDatabaseAsKnown(health: Health): Health {
  const isDatabaseUp = !isDatabaseDown();
  if (isDatabaseUp === (health.database === "up")) return health;
  return healthOf(isDatabaseUp, health.redis);
}

export async function sendHealth(request: IncomingMessage, response: ServerResponse) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD", "Content-Length": 0, "Cache-Control": "no-store" });
    return response.end();
  }
  const health = await currentHealth();
  const body = `${JSON.stringify(health)}\n`;
  response.writeHead(health.database === "up" ? 200 : 503, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  response.end(body);
}
