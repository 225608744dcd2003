import type { EventEmitter } from "node:events";
import { createServer, connect as tcpConnect, type Server, type Socket } from "node:net";
import mariadb from "mariadb";
import { afterAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/lib/database-url";
import { databaseFailureOf } from "@/lib/health/database-failure";
import { POOL_TIMEOUTS } from "@/lib/pool-timeouts";
import { freePort } from "@/scripts/free-port";

// The pools' timeouts against the real MariaDB, reached through a TCP relay
// this test can cut (the relay refuses connections, as a stopped database
// does) and restore: a query fails within the acquire timeout while the
// database is away, as an outage the health check recognises, and the pool
// is back within half a second of the database, however long it was away.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Relay {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = tcpConnect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("error", () => {});
        socket.on("close", () => this.sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    return new Promise((resolve) => this.server!.listen(this.port, "127.0.0.1", () => resolve()));
  }

  /** Refuses new connections and drops the open ones. */
  cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe("database pools in an outage", () => {
  const target = parseDatabaseUrl(process.env.DATABASE_URL!);
  let relay: Relay;
  let pool: mariadb.Pool;
  afterAll(async () => {
    await pool?.end();
    await relay?.cut();
  });

  it("fail fast while the database is away and are back within about half a second of its return, even after a long outage", { timeout: 60_000 }, async () => {
    relay = new Relay(await freePort(), target);
    await relay.open();
    pool = mariadb.createPool({ ...target, host: "127.0.0.1", port: relay.port, connectionLimit: 2, ...POOL_TIMEOUTS });
    expect(await pool.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);

    await relay.cut();
    // 16 s of queries that cannot get a connection, one after another, as a busy live room sends them.
    const failures: { ms: number; failure: string | null }[] = [];
    let isAway = true;
    const querying = (async () => {
      while (isAway) {
        const started = Date.now();
        const failure = await pool.query("SELECT 1").then(
          () => "answered",
          (error: unknown) => databaseFailureOf(error),
        );
        if (isAway) failures.push({ ms: Date.now() - started, failure });
      }
    })();
    await sleep(16_000);
    // Back just as a round of connection attempts gives up (the pool says so with "error"): mariadb's
    // own schedule would then wait 200 ms more per failed round (over a second by now) before trying again.
    await new Promise<void>((resolve) => {
      (pool as unknown as EventEmitter).on("error", () => resolve());
      setTimeout(resolve, 3_000);
    });
    await relay.open();
    isAway = false;
    const back = Date.now();
    let answered = false;
    while (!answered && Date.now() - back < 10_000) answered = await pool.query("SELECT 1").then(() => true, () => false);
    const recoveryMs = Date.now() - back;
    await querying;

    expect(new Set(failures.map((attempt) => attempt.failure))).toEqual(new Set(["unreachable"]));
    expect(Math.max(...failures.map((attempt) => attempt.ms))).toBeLessThan(POOL_TIMEOUTS.acquireTimeout + 500);
    expect(recoveryMs).toBeLessThan(600);
  });
});
