import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sleep } from "../../bench/processes";
import { dropDatabase } from "../../lib/database-admin";
import { redactDatabaseUrl, withDatabase } from "../../lib/database-url";
import { isAnswering } from "../database-server";
import { step, WineLimitation } from "./report";
import { describeExit, lastLine, MINUTE, PROJECT_DIR, runUnderWine, startUnderWine, wineEnv, type WineNode, type WineRun } from "./wine";

// Podium's own steps under Wine, on a fresh clone: `npm start`'s install,
// prisma generate, the refusal without a database, a Turbopack build, then
// `npm start` against the host's MariaDB until it serves, and its stop.

const HOST_DATABASE_URL = process.env.SMOKE_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/";
const INSTALL_TIMEOUT_MS = 20 * MINUTE;
const BUILD_TIMEOUT_MS = 15 * MINUTE;
const START_TIMEOUT_MS = 25 * MINUTE;

/** `npm start`'s first step alone: install when needed, then a script that does nothing. */
export async function install(node: WineNode, clone: string): Promise<string> {
  const noop = path.join(clone, ".data", "smoke-installed.mjs");
  mkdirSync(path.dirname(noop), { recursive: true });
  writeFileSync(noop, "");
  const args = existsSync(path.join(clone, "scripts", "run-after-install.mjs"))
    ? ["scripts/run-after-install.mjs", path.relative(clone, noop)]
    : ["scripts/install-dependencies.mjs"];
  const run = await runUnderWine("install", node.exe, args, { cwd: clone, env: wineEnv(node), timeoutMs: INSTALL_TIMEOUT_MS });
  if (run.code !== 0) throw new Error(describeExit(run));
  const windowsOnly = ["@next/swc-win32-x64-msvc", "@esbuild/win32-x64"];
  const missing = windowsOnly.filter((name) => !existsSync(path.join(clone, "node_modules", name, "package.json")));
  if (missing.length) throw new Error(`npm ci passed but left out ${missing.join(", ")}`);
  return `npm ci done, with ${windowsOnly.join(" and ")}`;
}

export async function generate(node: WineNode, clone: string): Promise<string> {
  rmSync(path.join(clone, "lib", "generated"), { recursive: true, force: true });
  const run = await runUnderWine("generate", node.exe, ["node_modules/tsx/dist/cli.mjs", "scripts/generate.ts"], { cwd: clone, env: wineEnv(node), timeoutMs: BUILD_TIMEOUT_MS });
  if (run.code !== 0) throw new Error(describeExit(run));
  if (!existsSync(path.join(clone, "lib", "generated", "prisma"))) throw new Error("exit 0 but lib/generated/prisma is missing");
  return "lib/generated/prisma written";
}

/**
 * The child-process helper's and the database lookup's unit tests, run by
 * node.exe itself: resolution, argument passing without a shell, and `which`
 * with PATHEXT, on a real win32 rather than a described one.
 */
export async function unitTestsOnWindows(node: WineNode, clone: string): Promise<string> {
  const env = wineEnv(node, { TEST_DATABASE_SERVER_URL: HOST_DATABASE_URL, NO_COLOR: "1" });
  const files = ["test/unit/child-process.test.ts", "test/unit/find-mariadbd.test.ts"];
  const run = await runUnderWine("unit-tests", node.exe, ["node_modules/vitest/vitest.mjs", "run", ...files], { cwd: clone, env, timeoutMs: BUILD_TIMEOUT_MS });
  const tally = run.output().match(/^\s*Tests\s+(.+)$/m)?.[1].trim();
  if (run.code !== 0 || !tally) throw new Error(describeExit(run));
  return `vitest on win32: ${tally}`;
}

/** With nothing listening on the URL's port nor the private one, `npm start` must stop with its one line. */
export async function refuseMissingDatabase(node: WineNode, clone: string): Promise<string> {
  const env = wineEnv(node, { DATABASE_URL: "mysql://root@127.0.0.1:1/podium", PODIUM_PRIVATE_DB_PORT: "2" });
  const run = await runUnderWine("no-database", node.exe, [node.npmCli, "start"], { cwd: clone, env, timeoutMs: 5 * MINUTE });
  const message = run.output().split(/\r?\n/).find((line) => line.startsWith("No MySQL or MariaDB answers"));
  if (run.code === 0 || !message) throw new Error(describeExit(run));
  return message;
}

/** Turbopack, as `npm start` builds, on its own: under Wine 8 it stops at its first junction. */
export async function buildWithTurbopack(node: WineNode, clone: string): Promise<string> {
  const env = wineEnv(node, { NODE_ENV: "production" });
  const run = await runUnderWine("build-turbopack", node.exe, ["node_modules/next/dist/bin/next", "build"], { cwd: clone, env, timeoutMs: BUILD_TIMEOUT_MS });
  if (run.code === 0) return "built";
  const junction = run.output().split(/\r?\n/).find((line) => line.includes("failed to create junction point"));
  if (junction) throw new WineLimitation(`${junction.trim().slice(0, 160)}… (Wine 8 has no junctions; Windows does)`);
  throw new Error(describeExit(run));
}

export type HostDatabase = { url: string; name: string };

/** A database name of our own on the host's server, so clean-up drops only what this run made. */
export async function reserveHostDatabase(): Promise<HostDatabase> {
  const name = `podium_wine_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const url = withDatabase(HOST_DATABASE_URL, name);
  if (!(await isAnswering(url))) throw new Error(`no database server answers at ${redactDatabaseUrl(HOST_DATABASE_URL)} (SMOKE_DATABASE_URL)`);
  return { name, url };
}

export const dropHostDatabase = (database: HostDatabase) => dropDatabase(database.url);

/** Lines of `npm start`'s log that mark each of its stages, in order. */
const START_STAGES = [
  { name: "npm start: database found, migrated", marker: /^(Applied migrations|Database is up to date).*$/m },
  { name: "npm start: next build", marker: /^Route \(app\).*$/m },
  { name: "npm start: serving", marker: /Podium is ready on.*$/m },
] as const;

/**
 * Runs `npm start` in the background and reports each stage as its log shows
 * it, until the server is ready, npm exits, or time runs out. Returns npm's
 * process when the server is ready, for the caller to check and stop.
 */
export async function startPodium(node: WineNode, clone: string, database: HostDatabase, port: number, webpack: boolean) {
  const env = wineEnv(node, { DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1", ...(webpack ? { IS_WEBPACK_TEST: "1" } : {}) });
  const started = startUnderWine("start", node.exe, [node.npmCli, "start"], { cwd: clone, env, timeoutMs: START_TIMEOUT_MS });
  let exited: WineRun | null = null;
  void started.done.then((run) => (exited = run));

  for (const stage of START_STAGES) {
    const reached = await step(stage.name, async () => {
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if (stage.marker.test(readFileSync(started.log, "utf8"))) return lastLine(readFileSync(started.log, "utf8").match(stage.marker)![0]);
        if (exited) throw new Error(describeExit(exited));
        await sleep(500);
      }
      throw new Error(`not reached within ${START_TIMEOUT_MS / MINUTE} min (log: ${path.relative(PROJECT_DIR, started.log)})`);
    });
    if (reached === null) return { child: started.child, done: started.done, log: started.log, hasExited: () => exited !== null, ready: false };
  }
  return { child: started.child, done: started.done, log: started.log, hasExited: () => exited !== null, ready: true };
}

/** GET / from the host, as a visitor's browser would. */
export async function checkRegistrationForm(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(60_000) });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
  const fields = ["name", "email", "phone"].filter((field) => html.includes(`name="${field}"`));
  if (!html.includes("<form") || fields.length < 3) throw new Error(`GET / has no registration form (fields found: ${fields.join(", ") || "none"})`);
  return "GET / 200 with the registration form (name, email, phone)";
}

const isListening = (port: number) =>
  fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(3000) }).then(
    () => true,
    () => false,
  );

/**
 * Stops `npm start` by npm's PID, as a process manager would, and checks that
 * the server goes with it. On Windows that ends npm at once (no SIGTERM), and
 * the cmd.exe it runs the script in with it (Node's job object holds only its
 * own children); scripts/start.ts, started by cmd.exe, must notice on its own.
 * Whatever is left is ended with the prefix (stopWineServer) afterwards.
 */
export async function stopPodium(child: { pid?: number }, done: Promise<WineRun>, port: number, log: string): Promise<string> {
  if (!child.pid) throw new Error("npm start has no PID");
  process.kill(child.pid, "SIGTERM");
  await Promise.race([done, sleep(20_000)]);
  for (let attempt = 0; attempt < 20 && (await isListening(port)); attempt++) await sleep(1000);
  if (await isListening(port)) throw new Error(`the server still answers on ${port} 20 s after npm (PID ${child.pid}) ended: start.ts did not notice its parent go`);
  // start.ts asks the server to stop over IPC: its own shutdown, not an abrupt end.
  const shutdown = readFileSync(log, "utf8").split(/\r?\n/).filter((line) => /closing connections|Shut down cleanly|Shutdown did not finish/.test(line));
  if (!shutdown.includes("Shut down cleanly.")) throw new Error(`port ${port} closed, but the server did not shut down cleanly: ${shutdown.join(" / ") || "no shutdown line"}`);
  return `npm (PID ${child.pid}) ended; the server: "${shutdown.join(" ")}"; port ${port} closed`;
}
