// Usage: npx tsx scripts/check-production-start.ts     (npm test runs it as "production start on a clean clone")
// Proves that `NODE_ENV=production npm start` works on a fresh clone, as most
// deployments run it, and stops cleanly when a process manager sends SIGTERM.
// Exits 0 when it does; otherwise prints why and the end of npm start's output.
//
// Why a copy: the working tree has node_modules, lib/generated, .next and
// .data from earlier runs, which hide exactly what breaks on a new machine
// (`npm ci` under NODE_ENV=production skipping the devDependencies the build
// type check needs was such a bug). So the tracked and untracked-not-ignored
// files (what a commit would hold) are copied into a temp dir and `npm start`
// runs there from nothing: npm ci (from the npm cache when warm), prisma
// generate, migrations into a scratch database, next build, server.ts.
// Then GET / must show the registration form, and SIGTERM to the npm process
// alone (what Docker sends) must stop everything within 10 s: npm ends, the
// server says it shut down cleanly, and nothing answers on its port. Windows
// has no SIGTERM to send (kill() ends a process at once), so there the server
// is stopped with its process tree and only the start is checked. The temp dir
// and the scratch database are removed afterwards.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dropDatabase } from "../lib/database-admin";
import { withDatabase } from "../lib/database-url";
import { env } from "../lib/env";
import { killProcessTree, spawn, spawnSync, type ChildProcess } from "./child-process.mjs";
import { ensureDatabaseServer } from "./database-server";
import { freePort } from "./free-port";

// A cold npm cache, a slow disk or a busy 2-core machine stretch install + build; a hang must still end.
const READY_TIMEOUT_MS = 6 * 60_000;
// The promise made to process managers: SIGTERM to exit within 10 s.
const STOP_TIMEOUT_MS = 10_000;
const LOG_FILE = path.join(".data", "test-results", "production-start.log");

const startedAt = Date.now();
const seconds = (since = startedAt) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
let output = "";

function fail(message: string): never {
  throw new Error(message);
}

/** The files a commit would hold, copied into a new temp dir: a fresh clone without the history. */
function copyCleanClone(): string {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" });
  if (listed.status !== 0) fail(`git ls-files failed (is this a git checkout?): ${listed.stderr.trim()}`);
  const dir = mkdtempSync(path.join(tmpdir(), "podium-clean-clone-"));
  for (const file of new Set(listed.stdout.split("\0").filter(Boolean))) {
    // A file deleted but not yet staged is still listed; a clone would not have it.
    if (!existsSync(file) && !isSymlink(file)) continue;
    // A node_modules that is a symlink is not a directory, so .gitignore's `node_modules/` lets git list it;
    // copied, it would hand the copy an install, and npm ci there would empty the directory it points to.
    if (file.split("/").includes("node_modules")) continue;
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    cpSync(file, path.join(dir, file), { verbatimSymlinks: true });
  }
  return dir;
}

function isSymlink(file: string) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The environment of a person typing `NODE_ENV=production npm start`, not of the `npm test` that runs this. */
function deploymentEnv(port: number, databaseUrl: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_(package|lifecycle)_|^npm_config_local_prefix$|^INIT_CWD$|^NEXT_DIST_DIR$/i.test(name)),
  );
  return { ...inherited, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), DATABASE_URL: databaseUrl };
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Resolves when npm start's output says the server listens; rejects when npm exits first or time runs out. */
function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`"Podium is ready" did not appear within ${READY_TIMEOUT_MS / 60_000} minutes`)), READY_TIMEOUT_MS);
    const onOutput = () => {
      if (!output.includes("Podium is ready")) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${signal ?? `exit ${code}`}) before "Podium is ready"`));
    };
    child.stdout!.on("data", onOutput);
    child.stderr!.on("data", onOutput);
    child.once("exit", onExit);
  });
}

async function isAnswering(url: string) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to npm's PID only, as Docker sends it. npm passes it to the shell
 * running the start script; where that shell is dash (Debian, Ubuntu) it dies
 * of it and npm ends at once by the same signal, and scripts/start.ts, seeing
 * its parent gone, stops the server itself. Where sh is bash, npm's child is
 * the script itself and npm exits 0 after the server. Either way the server
 * must shut down cleanly within the promise made to process managers.
 */
async function checkStopBySigterm(npm: ChildProcess, baseUrl: string) {
  const stopSent = Date.now();
  npm.kill("SIGTERM");
  const exit = await waitForExit(npm, STOP_TIMEOUT_MS);
  if (!exit) fail(`npm start was still running ${STOP_TIMEOUT_MS / 1000} s after SIGTERM`);
  const isCleanExit = exit.code === 0 || exit.signal === "SIGTERM";
  if (!isCleanExit) fail(`after SIGTERM npm start ended ${exit.signal ? `by ${exit.signal}` : `with exit ${exit.code}`}, not with exit 0 or by SIGTERM`);
  const npmEndedMs = Date.now() - stopSent;
  while (!output.includes("Shut down cleanly.") && Date.now() - stopSent < STOP_TIMEOUT_MS) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!output.includes("Shut down cleanly.")) fail(`the server did not say "Shut down cleanly." within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM to npm`);
  const shutDownMs = Date.now() - stopSent;
  if (await isAnswering(`${baseUrl}/`)) fail("the server shut down but something still answers on its port");
  console.log(`SIGTERM to npm: npm ended (${exit.signal ?? `exit ${exit.code}`}) after ${npmEndedMs} ms, the server shut down cleanly after ${shutDownMs} ms; nothing answers on the port any more.`);
}

const serverUrl = await ensureDatabaseServer(env.DATABASE_URL);
const databaseUrl = withDatabase(serverUrl, `podium_prodstart_${Date.now()}`);
let cloneDir: string | null = null;
let npm: ChildProcess | null = null;
let exitCode = 1;
try {
  cloneDir = copyCleanClone();
  console.log(`Copied the files a commit would hold into ${cloneDir} (${seconds()}).`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  // detached: npm leads a process group of its own, as under a process manager,
  // so whatever it leaves behind can be found and stopped afterwards.
  npm = spawn("npm", ["start"], { cwd: cloneDir, env: deploymentEnv(port, databaseUrl), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const startSpawned = Date.now();
  npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  console.log(`NODE_ENV=production npm start (port ${port}, database ${databaseUrl.split("/").pop()}): waiting for "Podium is ready"…`);
  await waitForReady(npm);
  console.log(`Ready after ${seconds(startSpawned)} (npm ci, prisma generate, migrations, next build, server.ts).`);

  const response = await fetch(`${baseUrl}/`, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const html = await response.text();
  if (response.status !== 200) fail(`GET / answered ${response.status}, not 200`);
  if (!/<label[^>]*>\s*Email\s*<\/label>/.test(html)) fail("GET / answered 200 but without the registration form (no \"Email\" label)");
  console.log("GET / answers 200 with the registration form.");

  if (process.platform === "win32") {
    killProcessTree(npm.pid!);
    console.log("Windows: no SIGTERM to send; npm start's process tree was ended with taskkill.");
  } else {
    await checkStopBySigterm(npm, baseUrl);
  }
  exitCode = 0;
} catch (error) {
  console.error(`Production start on a clean clone failed: ${(error as Error).message}`);
  console.error(`--- the last lines of npm start's output (all of it in ${LOG_FILE}) ---\n${output.split("\n").slice(-40).join("\n")}`);
} finally {
  const cleanupStarted = Date.now();
  // After a failure, whatever is left of npm start's process group (a server.ts npm did not wait for, a
  // build that hung) is stopped; all of it was started here. After a pass, exit 0 says nothing is left.
  if (npm?.pid && exitCode !== 0) killProcessTree(npm.pid);
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  writeFileSync(LOG_FILE, output);
  if (cloneDir) rmSync(cloneDir, { recursive: true, force: true });
  await dropDatabase(databaseUrl).catch((error) => {
    console.error("Dropping the scratch database failed:", error);
    exitCode = 1;
  });
  console.log(`Removed the copy and the scratch database (${seconds(cleanupStarted)}).`);
}
console.log(`Production start on a clean clone: ${exitCode === 0 ? "passed" : "failed"} in ${seconds()}.`);
process.exit(exitCode);
