import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawn, spawnSync } from "../child-process.mjs";

// Running Windows programs under Wine for the smoke test: the folders it keeps
// under .data/wine, the environment every Wine process gets, and each run's
// output in a log file (node.exe under Wine cannot write to a Linux pipe).

export const PROJECT_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const WINE_DIR = path.join(PROJECT_DIR, ".data", "wine");
export const CACHE_DIR = path.join(WINE_DIR, "cache");
export const PREFIX_DIR = path.join(WINE_DIR, "prefix");
export const LOG_DIR = path.join(WINE_DIR, "logs");
export const KEEPALIVE_SHIM = path.join(WINE_DIR, "keepalive-shim.cjs");

export const MINUTE = 60_000;
export const LOCAL_TIMEOUT_MS = 2 * MINUTE;

/** Z:\… for a Linux path: Wine maps / to drive Z:. */
export const windowsPath = (file: string) => `Z:${path.resolve(file).replaceAll("/", "\\")}`;

/** Runs a host program to completion, bounded; throws with its output when it fails. */
export function runOnHost(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): string {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: options.timeoutMs ?? LOCAL_TIMEOUT_MS, cwd: options.cwd, env: options.env });
  if (result.error) throw new Error(`${command} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${lastLine(result.stderr || result.stdout)}`);
  return result.stdout;
}

export const lastLine = (text: string) => text.trim().split(/\r?\n/).filter(Boolean).at(-1) ?? "(no output)";

export type WineNode = { dir: string; exe: string; npmCli: string; npmVersion: string; nodeVersion: string };

/**
 * The environment of every Wine process: the host's, less npm's own variables
 * (npm_execpath would point the project's scripts at the host's npm), plus
 * what the harness needs (see the top of the file).
 */
export function wineEnv(node: WineNode | null, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
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

export type WineRun = { code: number | null; timedOut: boolean; log: string; output: () => string };

/** Starts a Windows program under Wine with its stdout and stderr in one log file (node.exe cannot write to a pipe under Wine). */
export function startUnderWine(logName: string, exe: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) {
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

export const runUnderWine = (logName: string, exe: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) =>
  startUnderWine(logName, exe, args, options).done;

/** Wine keeps only the low 8 bits of a Windows exit code (cmd's 9009 arrives as 49). */
export function describeExit(run: WineRun): string {
  if (run.timedOut) return "timed out";
  return `exit ${run.code}: ${lastLine(run.output())} (log: ${path.relative(PROJECT_DIR, run.log)})`;
}

/** Ends every process of our own prefix (never any other Wine). */
export function stopWineServer() {
  spawnSync("wineserver", ["-k"], { env: wineEnv(null), timeout: LOCAL_TIMEOUT_MS, stdio: "ignore" });
}

export function checkWine(): string {
  const result = spawnSync("wine", ["--version"], { encoding: "utf8", timeout: LOCAL_TIMEOUT_MS });
  if (result.error || result.status !== 0) {
    console.error("wine is not installed: apt-get install wine64");
    process.exit(1);
  }
  return result.stdout.trim();
}
