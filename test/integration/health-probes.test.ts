import { createServer, type Server } from "node:http";
import mariadb from "mariadb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PrivateMariadb } from "../../e2e/private-servers";
import { freePort } from "../../scripts/free-port";

// What the health code costs the database and how it reads failures, against
// a MariaDB of this file's own: its Connections counter counts this file's
// connections only (the shared server's counts every engineer's tests).

let database: PrivateMariadb;
let counter: mariadb.Connection;
let health: typeof import("@/lib/health/database-health");
let healthCheck: typeof import("@/lib/http/health-check");

beforeAll(async () => {
  database = await PrivateMariadb.create("health-probes");
  // Before the modules load: lib/env.ts reads it once.
  process.env.DATABASE_URL = database.url("mysql");
  delete process.env.REDIS_URL;
  health = await import("@/lib/health/database-health");
  healthCheck = await import("@/lib/http/health-check");
  counter = await mariadb.createConnection({ host: "127.0.0.1", port: database.port, user: "root" });
}, 60_000);

afterAll(async () => {
  await counter?.end();
  await database?.remove();
}, 30_000);

async function connectionsSoFar(): Promise<number> {
  const [row] = await counter.query("SHOW GLOBAL STATUS LIKE 'Connections'");
  return Number(row.Value);
}

describe("/healthz", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    server = createServer((request, response) => void healthCheck.sendHealth(request, response));
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("a flood of checks opens at most about one database connection a second, and every caller gets the answer", async () => {
    const before = await connectionsSoFar();
    const started = Date.now();
    const statuses: number[] = [];
    // 32 callers, each asking again the moment it has its answer, for 3 s.
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (Date.now() - started < 3_000) {
          const response = await fetch(`http://127.0.0.1:${port}/healthz`);
          statuses.push(response.status);
          expect(await response.json()).toEqual({ status: "ok", database: "up", redis: "not configured" });
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const opened = (await connectionsSoFar()) - before;
    expect(statuses.length).toBeGreaterThan(100);
    expect(new Set(statuses)).toEqual(new Set([200]));
    // One probe per second of flood, plus the first.
    expect(opened, `${opened} connections for ${statuses.length} checks in ${seconds} s`).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  });

  it("a kept answer still says at once what the process learnt since, without a connection", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const before = await connectionsSoFar();
    // A page's query finds the database away: the next check says so, from the kept answer.
    health.noteDatabaseFailure(await unreachableError(), Date.now());
    const during = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(during.status).toBe(503);
    expect(await during.json()).toEqual({ status: "unavailable", database: "down", redis: "not configured" });
    expect(await connectionsSoFar()).toBe(before);
    // The probe (every 0.5 s while down) finds it back, and so does the next check.
    await expect.poll(() => health.isDatabaseDown(), { timeout: 3_000 }).toBe(false);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});

/** A real driver error of a database that cannot be reached: a refused connection. */
async function unreachableError(): Promise<unknown> {
  const closedPort = await freePort();
  return mariadb.createConnection({ host: "127.0.0.1", port: closedPort, user: "root", connectTimeout: 500 }).then(
    () => {
      throw new Error(`something answered on ${closedPort}`);
    },
    (error: unknown) => error,
  );
}

describe("after an outage", () => {
  it("a failure of a call that began before the probe found the database back marks nothing; a later one does", async () => {
    const error = await unreachableError();
    health.noteDatabaseFailure(error, Date.now());
    expect(health.isDatabaseDown()).toBe(true);

    // A call begins while the database is away (it waits out the pool's acquire timeout)…
    const stragglerStartedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // …the probe finds the database back…
    expect(await health.pingDatabase()).toBe(true);
    expect(health.isDatabaseDown()).toBe(false);
    // …and then the straggler fails. It says nothing about now: the database stays up.
    health.noteDatabaseFailure(error, stragglerStartedAt);
    expect(health.isDatabaseDown()).toBe(false);
    // A failure reported without a start time is taken to have waited as long as any can.
    health.noteDatabaseFailure(error);
    expect(health.isDatabaseDown()).toBe(false);

    // A call that began after the probe and fails is news: down again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    health.noteDatabaseFailure(error, Date.now());
    expect(health.isDatabaseDown()).toBe(true);
    // The probe (every 0.5 s while down) brings it back by itself.
    await expect.poll(() => health.isDatabaseDown(), { timeout: 3_000 }).toBe(false);
  });
});

describe("a frozen database", () => {
  it("that resumes is found back once, not flapping, while checks keep coming", async () => {
    // Checks every 10 ms (a load balancer's and /healthz callers' pings, or the probe's) all
    // overlap the freeze: the ones sent into it time out just after others found the database back.
    const said: string[] = [];
    const noteLine = (line: unknown) => said.push(String(line));
    const errors = vi.spyOn(console, "error").mockImplementation(noteLine);
    const logs = vi.spyOn(console, "log").mockImplementation(noteLine);
    const pending = new Set<Promise<boolean>>();
    const checker = setInterval(() => {
      const ping = health.pingDatabase();
      pending.add(ping);
      void ping.finally(() => pending.delete(ping));
    }, 10);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      database.freeze();
      await expect.poll(() => health.isDatabaseDown(), { timeout: 5_000 }).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      const resumedAt = said.length;
      database.thaw();
      await expect.poll(() => health.isDatabaseDown(), { timeout: 5_000 }).toBe(false);
      // Every ping sent into the freeze has answered or timed out by now.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      clearInterval(checker);
      await Promise.all(pending);
      const changes = said.slice(resumedAt).filter((line) => /can't reach its database|database is back/.test(line));
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatch(/The database is back after/);
      expect(health.isDatabaseDown()).toBe(false);
    } finally {
      clearInterval(checker);
      database.thaw();
      errors.mockRestore();
      logs.mockRestore();
    }
  }, 40_000);
});
