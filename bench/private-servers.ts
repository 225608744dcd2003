import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import mariadb, { type Connection } from "mariadb";
import { freePort } from "../scripts/free-port";
import { sleep, spawnLogged, stopProcess, track } from "./processes";

// A MariaDB and a Redis of the bench's own, on free ports: nothing else talks
// to them, so SHOW GLOBAL STATUS counts only what the servers under test (and
// the bench's own status queries) ran, and the machine's shared 3306 and 6379
// are never touched.

function findMariadbd(): string {
  const fromPath = spawnSync("sh", ["-c", "command -v mariadbd"], { encoding: "utf8" }).stdout.trim();
  const found = fromPath || ["/usr/sbin/mariadbd", "/usr/local/sbin/mariadbd"].find((candidate) => existsSync(candidate));
  if (!found) throw new Error("The bench needs mariadbd (apt-get install mariadb-server).");
  return found;
}

async function answers(url: string): Promise<boolean> {
  try {
    const connection = await mariadb.createConnection({ host: "127.0.0.1", port: Number(new URL(url).port), user: "root", connectTimeout: 1000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

/** Returns the server's URL (no database) and PID; processes.ts stops it with everything else. */
export async function startPrivateMariadb(dataDir: string, logDir: string): Promise<{ serverUrl: string; pid: number }> {
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const init = spawnSync(
    "mariadb-install-db",
    ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", `--user=${process.env.USER ?? "root"}`],
    { encoding: "utf8" },
  );
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const child = track(
    spawn(
      findMariadbd(),
      [
        "--no-defaults",
        `--datadir=${dataDir}`,
        `--port=${port}`,
        "--bind-address=127.0.0.1",
        `--socket=${path.join(dataDir, "mariadb.sock")}`,
        `--pid-file=${path.join(dataDir, "mariadb.pid")}`,
        `--log-error=${path.join(logDir, "mariadb.err.log")}`,
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci",
        ...(process.getuid?.() === 0 ? ["--user=root"] : []),
      ],
      { stdio: "ignore" },
    ),
  );
  const serverUrl = `mysql://root@127.0.0.1:${port}/`;
  for (let attempt = 0; attempt < 120 && !(await answers(serverUrl)); attempt++) {
    if (child.exitCode !== null) break;
    await sleep(250);
  }
  if (!(await answers(serverUrl))) {
    await stopProcess(child);
    throw new Error(`The bench's MariaDB did not start; see ${path.join(logDir, "mariadb.err.log")}`);
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
