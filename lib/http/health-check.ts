import type { IncomingMessage, ServerResponse } from "node:http";
import { pingDatabase } from "../health/database-health";
import { pingRedis, type RedisHealth } from "../health/redis-health";

// GET /healthz, for a load balancer: can this process serve? Answered in
// server.ts before Next (it must work when Next or the database does not),
// without a session, never cached, and it says nothing but up or down: no
// versions, hosts or error messages.
//
// 503 only when the database is down: without it no page can be served. A
// Redis outage, dead or hung, is "degraded" but 200, because each process
// keeps serving its own clients (only cross-process broadcasts wait), and
// taking every process out of rotation for it would turn a partial outage
// into a total one. That holds for a hung Redis only because no use of it
// waits more than a second for an answer (lib/redis.ts).

type Health = { status: "ok" | "degraded" | "unavailable"; database: "up" | "down"; redis: RedisHealth };

// Checks asked for at the same moment share one round of pings.
let checking: Promise<Health> | null = null;

async function checkHealth(): Promise<Health> {
  const [isDatabaseUp, redis] = await Promise.all([pingDatabase(), pingRedis()]);
  const status = !isDatabaseUp ? "unavailable" : redis === "down" ? "degraded" : "ok";
  return { status, database: isDatabaseUp ? "up" : "down", redis };
}

export async function sendHealth(request: IncomingMessage, response: ServerResponse) {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { Allow: "GET, HEAD", "Content-Length": 0, "Cache-Control": "no-store" });
    return response.end();
  }
  checking ??= checkHealth().finally(() => (checking = null));
  const health = await checking;
  const body = `${JSON.stringify(health)}\n`;
  response.writeHead(health.database === "up" ? 200 : 503, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  response.end(body);
}
