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
// Then GET / must show the registration form, and a stop must end everything
// within 10 s with the server saying it shut down cleanly and nothing left on
// its port: SIGTERM to the npm process alone (npm ends at once where sh is
// dash; scripts/start.ts then stops the server itself), the same for `npm run
// serve` on the build npm start made (README's further processes), and SIGTERM to the
// command README gives containers (`node scripts/run-after-install.mjs
// scripts/start.ts`), which must then exit 0. Windows has no SIGTERM to send
// (kill() ends a process at once), so there only the start is checked. The
// temp dir and the scratch database are removed afterwards.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sleep } from "../bench/processes";
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

/** A command started in the clone, in a process group of its own (as under a process manager), its output kept. */
type Started = { label: string; child: ChildProcess; output: () => string };
const started: Started[] = [];

function startInClone(label: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let own = "";
  const keep = (chunk: Buffer) => {
    own += chunk.toString();
    output += chunk.toString();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const run = { label, child, output: () => own };
  started.push(run);
  return run;
}

/** Resolves when the output says the server listens; rejects when the command exits first or time runs out. */
function waitForReady({ label, child, output: outputOf }: Started): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: "Podium is ready" did not appear within ${READY_TIMEOUT_MS / 60_000} minutes`)), READY_TIMEOUT_MS);
    const onOutput = () => {
      if (!outputOf().includes("Podium is ready")) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve();
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${signal ?? `exit ${code}`}) before "Podium is ready"`));
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

async function checkRegistrationForm(baseUrl: string) {
  const response = await fetch(`${baseUrl}/`, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const html = await response.text();
  if (response.status !== 200) fail(`GET / answered ${response.status}, not 200`);
  if (!/<label[^>]*>\s*Email\s*<\/label>/.test(html)) fail('GET / answered 200 but without the registration form (no "Email" label)');
  console.log("GET / answers 200 with the registration form.");
}

/**
 * SIGTERM to this one PID, as a process manager sends it. The server must say
 * "Shut down cleanly." and free its port within the 10 s promised to process
 * managers, and the process must end with exit 0, or (`mayEndBySignal`, npm
 * where sh is dash) by the SIGTERM itself.
 */
async function checkStopBySigterm({ label, child, output: outputOf }: Started, baseUrl: string, mayEndBySignal: boolean) {
  const stopSent = Date.now();
  child.kill("SIGTERM");
  const exit = await waitForExit(child, STOP_TIMEOUT_MS);
  if (!exit) fail(`${label} was still running ${STOP_TIMEOUT_MS / 1000} s after SIGTERM`);
  const isCleanExit = exit.code === 0 || (mayEndBySignal && exit.signal === "SIGTERM");
  if (!isCleanExit) fail(`after SIGTERM ${label} ended ${exit.signal ? `by ${exit.signal}` : `with exit ${exit.code}`}, not with exit 0${mayEndBySignal ? " or by SIGTERM" : ""}`);
  const endedMs = Date.now() - stopSent;
  while (!outputOf().includes("Shut down cleanly.") && Date.now() - stopSent < STOP_TIMEOUT_MS) await sleep(100);
  if (!outputOf().includes("Shut down cleanly.")) fail(`the server did not say "Shut down cleanly." within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM to ${label}`);
  const shutDownMs = Date.now() - stopSent;
  if (await isAnswering(`${baseUrl}/`)) fail("the server shut down but something still answers on its port");
  console.log(`SIGTERM to ${label}: it ended (${exit.signal ?? `exit ${exit.code}`}) after ${endedMs} ms, the server shut down cleanly after ${shutDownMs} ms; nothing answers on the port any more.`);
}

const serverUrl = await ensureDatabaseServer(env.DATABASE_URL);
const databaseUrl = withDatabase(serverUrl, `podium_prodstart_${Date.now()}`);
let cloneDir: string | null = null;
let exitCode = 1;
try {
  cloneDir = copyCleanClone();
  console.log(`Copied the files a commit would hold into ${cloneDir} (${seconds()}).`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const deployment = deploymentEnv(port, databaseUrl);

  const npmStart = startInClone("npm start", "npm", ["start"], cloneDir, deployment);
  console.log(`NODE_ENV=production npm start (port ${port}, database ${databaseUrl.split("/").pop()}): waiting for "Podium is ready"…`);
  await waitForReady(npmStart);
  console.log(`Ready after ${seconds()} (npm ci, prisma generate, migrations, next build, server.ts).`);
  await checkRegistrationForm(baseUrl);

  if (process.platform === "win32") {
    killProcessTree(npmStart.child.pid!);
    console.log("Windows: no SIGTERM to send; npm start's process tree was ended with taskkill.");
  } else {
    await checkStopBySigterm(npmStart, baseUrl, true);
    // README's further processes: the same build served again, and the same stop by SIGTERM to npm alone.
    const serve = startInClone("npm run serve", "npm", ["run", "serve"], cloneDir, deployment);
    await waitForReady(serve);
    await checkRegistrationForm(baseUrl);
    await checkStopBySigterm(serve, baseUrl, true);
    const containerStart = Date.now();
    const container = startInClone("the container command", "node", ["scripts/run-after-install.mjs", "scripts/start.ts"], cloneDir, deployment);
    await waitForReady(container);
    console.log(`The container command (node scripts/run-after-install.mjs scripts/start.ts) was ready after ${seconds(containerStart)} (next build again).`);
    await checkStopBySigterm(container, baseUrl, false);
  }
  exitCode = 0;
} catch (error) {
  console.error(`Production start on a clean clone failed: ${(error as Error).message}`);
  console.error(`--- the last lines of the output (all of it in ${LOG_FILE}) ---\n${output.split("\n").slice(-40).join("\n")}`);
} finally {
  const cleanupStarted = Date.now();
  // After a failure, whatever is left of each process group (a server.ts npm did not wait for, a build
  // that hung) is stopped; all of it was started here. After a pass, the checks say nothing is left.
  if (exitCode !== 0) for (const { child } of started) if (child.pid) killProcessTree(child.pid);
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  writeFileSync(LOG_FILE, output);
  // Windows may hold a file of a process just ended for a moment.
  if (cloneDir) rmSync(cloneDir, { recursive: true, force: true, maxRetries: 5 });
  await dropDatabase(databaseUrl).catch((error) => {
    console.error("Dropping the scratch database failed:", error);
    exitCode = 1;
  });
  console.log(`Removed the copy and the scratch database (${seconds(cleanupStarted)}).`);
}
console.log(`Production start on a clean clone: ${exitCode === 0 ? "passed" : "failed"} in ${seconds()}.`);
process.exit(exitCode);
