import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import mariadb from "mariadb";
import { parseDatabaseUrl, redactDatabaseUrl, withDatabase } from "../lib/database-url";

// Finds a MySQL/MariaDB server for `npm start` and `npm test`. When none answers
// at DATABASE_URL but mariadbd is installed, a private server is started under
// .data/mariadb on its own port (3307 unless PODIUM_PRIVATE_DB_PORT says
// otherwise) and left running for the next start.

const DATA_DIR = path.join(process.cwd(), ".data", "mariadb");
const PRIVATE_PORT = Number(process.env.PODIUM_PRIVATE_DB_PORT ?? 3307);
const MARIADBD_CANDIDATES = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/local/bin/mariadbd"];

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

export function findMariadbd(): string | null {
  const fromPath = spawnSync("sh", ["-c", "command -v mariadbd"], { encoding: "utf8" }).stdout.trim();
  return fromPath || MARIADBD_CANDIDATES.find((candidate) => existsSync(candidate)) || null;
}

async function waitUntilAnswering(url: string, seconds: number): Promise<boolean> {
  for (let attempt = 0; attempt < seconds * 2; attempt++) {
    if (await isAnswering(url)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Creates a MariaDB data directory (root without a password) unless it already holds one. */
export function initializeDataDir(dataDir: string) {
  if (existsSync(path.join(dataDir, "mysql"))) return;
  mkdirSync(dataDir, { recursive: true });
  const init = spawnSync(
    "mariadb-install-db",
    ["--no-defaults", `--datadir=${dataDir}`, "--auth-root-authentication-method=normal", "--skip-test-db", `--user=${process.env.USER ?? "root"}`],
    { encoding: "utf8" },
  );
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr || init.stdout}`);
}

/** mariadbd's arguments for a private server on 127.0.0.1 with its files in dataDir. */
export function privateServerArgs(dataDir: string, port: number, errorLog: string): string[] {
  return [
    "--no-defaults",
    `--datadir=${dataDir}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    `--socket=${path.join(dataDir, "mariadb.sock")}`,
    `--pid-file=${path.join(dataDir, "mariadb.pid")}`,
    `--log-error=${errorLog}`,
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    ...(process.getuid?.() === 0 ? ["--user=root"] : []),
  ];
}

async function startPrivateServer(mariadbd: string, url: string): Promise<void> {
  initializeDataDir(DATA_DIR);
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
    console.error(`No MySQL or MariaDB answers at ${shown}: install MariaDB (apt-get install mariadb-server) or set DATABASE_URL.`);
    process.exit(1);
  }
  const why = configured === "no-server" ? "No database answers" : `The database refused root without a password (${configured.refused})`;
  console.log(`${why} at ${shown}; starting a private MariaDB on 127.0.0.1:${PRIVATE_PORT} (.data/mariadb).`);
  await startPrivateServer(mariadbd, privateUrl);
  return privateUrl;
}
