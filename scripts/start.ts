// Usage: npm start          (install, generate, migrate, build, serve on PORT)
//        npm run dev        (the same with hot reload and no build)
//        npm run serve      (--serve-only: server.ts alone, on the build and database already there)
import { constants } from "node:os";
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { STOP_SIGNALS } from "../lib/stop-signals";
import { spawn, type ChildProcess, type SpawnOptions } from "./child-process.mjs";
import { ensureDatabaseServer } from "./database-server";

const isDev = process.argv.includes("--dev");
// Further processes behind a load balancer: nothing to install, migrate or build, but the same stop handling.
const isServeOnly = process.argv.includes("--serve-only");

// server.ts replaces this process in spirit: a stop reaches it, and its exit
// code is ours. How a stop arrives:
// - Ctrl-C goes to every process of the terminal, the running step included;
//   on Windows so do Ctrl-Break and closing the console window.
// - A process manager (systemd, Docker, pm2) sends SIGTERM, perhaps to npm
//   alone. npm passes it to the shell that runs this script, and sh dies of it
//   without passing it on (cmd.exe has no `exec`, so package.json cannot put
//   this script in the shell's place). On Windows npm can only end cmd.exe
//   outright. So this script also stops when its parent goes away: it checks
//   four times a second.
// Either way the running step is told to stop: the server by a message on its
// IPC channel (its graceful shutdown, on Windows too, where kill() would end it
// at once), a build step by a signal. This script waits for the step to end
// instead of leaving it orphaned, no later step starts, and the step's exit
// code becomes ours. The server may hear the stop more than once (from the
// terminal, from here); its shutdown does not mind.
let runningStep: ChildProcess | null = null;
let isStopping = false;

/** `isFromConsole`: Ctrl-C and the like, which on Windows a build step hears itself (kill() there would end it at once). */
function stop(signal: NodeJS.Signals, isFromConsole: boolean) {
  if (isStopping) return;
  isStopping = true;
  if (!runningStep) process.exit(128 + (constants.signals[signal] ?? 15));
  if (runningStep.connected) runningStep.send("stop");
  else if (!isFromConsole || process.platform !== "win32") runningStep.kill(signal);
}

for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal, true));

// POSIX gives an orphan a new parent; Windows keeps the old ppid, whose process no longer answers.
// scripts/run-after-install.mjs notes the parent before it installs (a stop may come meanwhile).
const parentPid = (globalThis as { podiumParentPid?: number }).podiumParentPid ?? process.ppid;
function isParentGone(): boolean {
  if (process.ppid !== parentPid) return true;
  try {
    process.kill(parentPid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
setInterval(() => isParentGone() && stop("SIGTERM", false), 250).unref();

/** Runs one step in the foreground; stops this script with the step's code when it fails or when a stop came. */
async function step(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    runningStep = child;
    child.on("error", reject);
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? 128 + (constants.signals[signal ?? "SIGTERM"] ?? 15)));
  }).finally(() => {
    runningStep = null;
  });
  if (code !== 0 && !isStopping) console.error(`${command} ${args.join(" ")} failed (exit ${code}).`);
  if (code !== 0 || isStopping) process.exit(code);
}

// `npm run serve` finds the database as `npm start` does (the private MariaDB it may have started) and
// serves the existing production build, but generates, migrates and builds nothing.
const databaseUrl = await ensureDatabaseServer(env.DATABASE_URL);
const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: isDev ? "development" : "production" };
if (!isServeOnly) {
  // Each step is node itself (child-process.mjs resolves `next` to its JavaScript file): no shell or
  // npx in between that would die of a forwarded signal and leave the step running.
  await step("node", ["--import", "tsx", "scripts/generate.ts"]);
  const applied = await applyMigrations(databaseUrl);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
  if (!isDev) await step("next", ["build"], { env: childEnv });
}

// An IPC channel, for the stop message (and the server stops by itself should this script vanish).
await step("node", ["--import", "tsx", "server.ts"], { env: childEnv, stdio: ["inherit", "inherit", "inherit", "ipc"] });
process.exit(0);
