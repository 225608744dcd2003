import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "../scripts/child-process.mjs";
import { initializeDataDir, isAnswering, privateServerArgs } from "../scripts/database-server";
import { findMariadbd, installAdvice } from "../scripts/find-mariadbd";
import { killAll, sleep, stopProcess, track } from "../bench/processes";
import { freePort } from "../scripts/free-port";
import { startServer } from "../scripts/server-process";

// A MariaDB and a Redis of a spec's own, on free ports, that the spec can
// stop and start again (by the PIDs it started, nothing else) to make an
// outage. The machine's shared MariaDB (3306) and Redis (6379) are never touched.

// Should the test process end without stopping them (a timeout, a crash), its servers end with it.
process.once("exit", killAll);

/**
 * SIGSTOP freezes a server: the process stays, and so do its connections, but
 * nothing answers on them (a hung server, not a dead one). SIGCONT thaws it.
 */
function signalChild(child: ChildProcess | null, signal: "SIGSTOP" | "SIGCONT") {
  // On Windows a spec that freezes a server fails saying why, as one without redis-server.exe does (README).
  if (process.platform === "win32") throw new Error("Freezing a server needs SIGSTOP, which Windows does not have.");
  if (!child?.pid || child.exitCode !== null) throw new Error("That private server is not running.");
  process.kill(child.pid, signal);
}

const stopChild = async (child: ChildProcess | null) => {
  if (!child) return;
  // A frozen server would only act on SIGTERM once thawed.
  if (child.pid && child.exitCode === null && process.platform !== "win32") process.kill(child.pid, "SIGCONT");
  await stopProcess(child, 20_000);
};

/** A private mariadbd: `stop()` and `start()` it as often as needed; `remove()` stops it and deletes its files. */
export class PrivateMariadb {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly mariadbd: string,
    private readonly dataDir: string,
  ) {}

  /** Its URL with a database name (created by applyMigrations). */
  url(database: string) {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  static async create(label: string): Promise<PrivateMariadb> {
    const mariadbd = findMariadbd();
    if (!mariadbd) throw new Error(`This spec needs mariadbd: ${installAdvice(process.platform)}.`);
    const dataDir = path.join(process.cwd(), ".data", `e2e-${label}-${randomBytes(4).toString("hex")}`);
    initializeDataDir(mariadbd, dataDir);
    const server = new PrivateMariadb(await freePort(), mariadbd, dataDir);
    await server.start();
    return server;
  }

  /** Starts it and resolves once it answers: the moment a spec measures recovery from. */
  async start(): Promise<void> {
    this.child = track(spawn(this.mariadbd, privateServerArgs(this.dataDir, this.port, path.join(this.dataDir, "error.log")), { stdio: "ignore" }));
    for (let attempt = 0; attempt < 300; attempt++) {
      if (await isAnswering(this.url("mysql"))) return;
      if (this.child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`The private MariaDB did not start; see ${path.join(this.dataDir, "error.log")}`);
  }

  /** Hung, not dead (signalChild); `thaw()` or `stop()` it in a `finally`. */
  freeze() {
    signalChild(this.child, "SIGSTOP");
  }

  thaw() {
    signalChild(this.child, "SIGCONT");
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
    this.child = null;
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const REDIS_ADVICE =
  process.platform === "win32" ? "put a Windows build of Redis (redis-server.exe) on PATH" : "install Redis (apt-get install redis-server)";

/** A private redis-server with nothing saved to disk, on a port that stays the same across restarts. */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async create(): Promise<PrivateRedis> {
    const server = new PrivateRedis(await freePort());
    await server.start();
    return server;
  }

  start(): Promise<void> {
    const child = track(spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], { stdio: ["ignore", "pipe", "ignore"] }));
    this.child = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("redis-server did not start within 15 s")), 15_000);
      let seen = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        seen = (seen + chunk.toString()).slice(-500);
        if (!seen.includes("Ready to accept connections")) return;
        clearTimeout(timer);
        child.stdout!.removeAllListeners("data");
        child.stdout!.resume();
        resolve();
      });
      child.once("exit", (code) => reject(new Error(`redis-server exited (code ${code})`)));
      child.once("error", (error) => reject(new Error(`redis-server could not start (${error.message}): ${REDIS_ADVICE}`)));
    });
  }

  /** Hung, not dead (signalChild); `thaw()` it in a `finally`. */
  freeze() {
    signalChild(this.child, "SIGSTOP");
  }

  thaw() {
    signalChild(this.child, "SIGCONT");
  }

  async stop(): Promise<void> {
    await stopChild(this.child);
    this.child = null;
  }
}

/** Runs every clean-up step in order even when one fails (a browser's trace already gone…), so no server is left running; then throws the first failure. */
export async function cleanUp(steps: (() => unknown)[]): Promise<void> {
  let firstFailure: unknown = null;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      firstFailure ??= error;
    }
  }
  if (firstFailure) throw firstFailure;
}

/** A server.ts as the fault specs run it: its process, address, port and the environment to restart it with. */
export type RunningServer = { process: ChildProcess; url: string; port: number; env: Record<string, string> };

/**
 * Starts `count` server.ts processes with the same environment (one database, one Redis, one
 * SESSION_SECRET), each on a port of its own. They go into `servers` as they start, so a spec's
 * `finally` stops the ones that did even when a later one fails to.
 */
export async function startServers(servers: RunningServer[], count: number, env: Record<string, string>) {
  for (let index = 0; index < count; index++) {
    const port = await freePort();
    servers.push({ process: await startServer(port, env), url: `http://127.0.0.1:${port}`, port, env });
  }
}
