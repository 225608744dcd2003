import { existsSync, mkdirSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import mariadb from "mariadb";
import { parseDatabaseUrl, redactDatabaseUrl, withDatabase } from "../lib/database-url";
import { spawn, spawnSync } from "./child-process.mjs";
import { findInstallDb, findMariadbd, installAdvice, installDbArgs } from "./find-mariadbd";

// Finds a MySQL/MariaDB server for `npm start` and `npm test`. When none answers
// at DATABASE_URL but mariadbd (or mysqld) is installed, a private server is started under
// .data/mariadb on its own port (3307 unless PODIUM_PRIVATE_DB_PORT says
// otherwise) and left running for the next start.

const DATA_DIR = path.join(process.cwd(), ".data", "mariadb");
const PRIVATE_PORT = Number(process.env.PODIUM_PRIVATE_DB_PORT ?? 3307);

type Probe = "answers" | "no-server" | { refused: string };

/** Whether a server answers at this URL, and if it does, whether it lets us in. */
async function probe(url: string): Promise<Probe> {
  const { database: _database, ...server } = parseDatabaseUrl(url);
  try {
    const connection = await mariadb.createConnection({ ...server, connectTimeout: 3000 });
    await connection.end();
    return "answers";
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (["ECONNREFUSED", "ETIMEDOUT", "ENOENT", "EHOSTUNREACH", "ER_CONNECTION_TIMEOUT", "ER_GET_CONNECTION_TIMEOUT"].includes(code)) return "no-server";
    return { refused: (error as Error).message.split("\n")[0] };
  }
}

export async function isAnswering(url: string): Promise<boolean> {
  return (await probe(url)) === "answers";
}

async function waitUntilAnswering(url: string, seconds: number): Promise<boolean> {
  for (let attempt = 0; attempt < seconds * 2; attempt++) {
    if (await isAnswering(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Creates a data directory for `server` (root without a password) unless it already holds one. */
export function initializeDataDir(server: string, dataDir: string) {
  if (existsSync(path.join(dataDir, "mysql"))) return;
  const installDb = findInstallDb(server);
  if (!installDb) throw new Error(`Found ${server} but not mariadb-install-db beside it: ${installAdvice(process.platform)}.`);
  // Without mysql/ it is what a set-up that failed half-way left (this directory is ours): start again.
  // The Windows program makes the data directory itself and wants it new; the Unix script wants it made.
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(process.platform === "win32" ? path.dirname(dataDir) : dataDir, { recursive: true });
  const init = spawnSync(installDb, installDbArgs(process.platform, dataDir, userInfo().username), { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`${path.basename(installDb)} failed: ${init.error?.message ?? (init.stderr || init.stdout)}`);
}

/** mariadbd's arguments for a private server on 127.0.0.1 with its files in dataDir. */
export function privateServerArgs(dataDir: string, port: number, errorLog: string): string[] {
  return [
    "--no-defaults",
    `--datadir=${dataDir}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    // On Windows --socket names a pipe, not a file: the default is fine there.
    ...(process.platform === "win32" ? [] : [`--socket=${path.join(dataDir, "mariadb.sock")}`]),
    `--pid-file=${path.join(dataDir, "mariadb.pid")}`,
    `--log-error=${errorLog}`,
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    ...(process.getuid?.() === 0 ? ["--user=root"] : []),
  ];
}

async function startPrivateServer(mariadbd: string, url: string): Promise<void> {
  initializeDataDir(mariadbd, DATA_DIR);
  const child = spawn(mariadbd, privateServerArgs(DATA_DIR, PRIVATE_PORT, path.join(DATA_DIR, "error.log")), { detached: true, stdio: "ignore" });
  child.unref();
  if (!(await waitUntilAnswering(url, 30))) {
    throw new Error(`The private MariaDB did not start; see ${path.join(DATA_DIR, "error.log")}`);
  }
}

/**
 * Returns a DATABASE_URL that answers: the configured one, or a private
 * server's. Exits with one line when neither is possible. A server that
 * answers but refuses the credentials is only bypassed when DATABASE_URL was
 * not set (stock Debian lets root in over the socket only); a URL someone set
 * on purpose is never silently swapped for another database.
 */
export async function ensureDatabaseServer(configuredUrl: string): Promise<string> {
  const shown = redactDatabaseUrl(configuredUrl);
  const configured = await probe(configuredUrl);
  if (configured === "answers") return configuredUrl;
  if (configured !== "no-server" && process.env.DATABASE_URL) {
    console.error(`The database at ${shown} refused the connection (${configured.refused}). Fix DATABASE_URL.`);
    process.exit(1);
  }
  const { database } = parseDatabaseUrl(configuredUrl);
  const privateUrl = withDatabase(`mysql://root@127.0.0.1:${PRIVATE_PORT}/`, database);
  if (await isAnswering(privateUrl)) return privateUrl;
  const mariadbd = findMariadbd();
  if (!mariadbd) {
    console.error(`No MySQL or MariaDB answers at ${shown}: ${installAdvice(process.platform)}.`);
    process.exit(1);
  }
  const why = configured === "no-server" ? "No database answers" : `The database refused root without a password (${configured.refused})`;
  console.log(`${why} at ${shown}; starting a private MariaDB on 127.0.0.1:${PRIVATE_PORT} (.data/mariadb).`);
  await startPrivateServer(mariadbd, privateUrl);
  return privateUrl;
}
