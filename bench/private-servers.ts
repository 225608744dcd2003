import { mkdirSync } from "node:fs";
import path from "node:path";
import mariadb, { type Connection } from "mariadb";
import { spawn } from "../scripts/child-process.mjs";
import { initializeDataDir, isAnswering, privateServerArgs } from "../scripts/database-server";
import { findMariadbd, installAdvice } from "../scripts/find-mariadbd";
import { freePort } from "../scripts/free-port";
import { sleep, spawnLogged, stopProcess, track } from "./processes";

// A MariaDB and a Redis of the bench's own, on free ports: nothing else talks
// to them, so SHOW GLOBAL STATUS counts only what the servers under test (and
// the bench's own status queries) ran, and the machine's shared 3306 and 6379
// are never touched.

/** Returns the server's URL (no database) and PID; processes.ts stops it with everything else. */
export async function startPrivateMariadb(dataDir: string, logDir: string): Promise<{ serverUrl: string; pid: number }> {
  const mariadbd = findMariadbd();
  if (!mariadbd) throw new Error(`The bench needs mariadbd: ${installAdvice(process.platform)}.`);
  mkdirSync(logDir, { recursive: true });
  initializeDataDir(mariadbd, dataDir);
  const port = await freePort();
  const errorLog = path.join(logDir, "mariadb.err.log");
  const child = track(spawn(mariadbd, privateServerArgs(dataDir, port, errorLog), { stdio: "ignore" }));
  const serverUrl = `mysql://root@127.0.0.1:${port}/`;
  // isAnswering needs a database name in the URL; the connection itself does not use it.
  const probeUrl = `${serverUrl}mysql`;
  for (let attempt = 0; attempt < 120 && !(await isAnswering(probeUrl)); attempt++) {
    if (child.exitCode !== null) break;
    await sleep(250);
  }
  if (!(await isAnswering(probeUrl))) {
    await stopProcess(child);
    throw new Error(`The bench's MariaDB did not start; see ${errorLog}`);
  }
  return { serverUrl, pid: child.pid! };
}

export async function startPrivateRedis(logDir: string): Promise<{ redisUrl: string }> {
  const port = await freePort();
  await spawnLogged(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { name: "redis", logDir, readyPattern: "Ready to accept connections", timeoutMs: 15_000 },
  );
  return { redisUrl: `redis://127.0.0.1:${port}` };
}

/**
 * Counts the statements the database server ran (`Questions`), leaving out the
 * status queries this counter sends itself: `overhead` is what one of them
 * adds, measured once on a quiet server.
 */
export class StatementCounter {
  private reads = 0;
  private overhead = 0;
  private constructor(private readonly connection: Connection) {}

  static async open(serverUrl: string): Promise<StatementCounter> {
    const counter = new StatementCounter(await mariadb.createConnection({ host: "127.0.0.1", port: Number(new URL(serverUrl).port), user: "root" }));
    const first = await counter.read();
    counter.overhead = (await counter.read()) - first;
    return counter;
  }

  private async read(): Promise<number> {
    const [row] = await this.connection.query("SHOW GLOBAL STATUS LIKE 'Questions'");
    this.reads++;
    return Number(row.Value);
  }

  async mark(): Promise<{ value: number; reads: number }> {
    return { value: await this.read(), reads: this.reads };
  }

  async since(mark: { value: number; reads: number }): Promise<number> {
    const value = await this.read();
    return value - mark.value - (this.reads - mark.reads) * this.overhead;
  }

  /** Waits (at most `maxMs`) until half a second passes with no statement: work started by the last event is done. */
  async waitQuiet(maxMs: number): Promise<void> {
    for (let waited = 0; waited < maxMs; waited += 500) {
      const mark = await this.mark();
      await sleep(500);
      if ((await this.since(mark)) === 0) return;
    }
  }

  close(): Promise<void> {
    return this.connection.end();
  }
}
