// Usage: npm start          (install, generate, migrate, build, serve on PORT)
//        npm run dev        (the same with hot reload and no build)
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { env } from "../lib/env";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { ensureDatabaseServer } from "./database-server";

const isDev = process.argv.includes("--dev");

// server.ts replaces this process in spirit: signals go to it, its exit code
// is ours. A process manager (systemd, Docker, pm2) stops `npm start` with
// SIGTERM and a person with Ctrl-C (SIGINT); the signal may reach only npm,
// which passes it to this script and no further (package.json `exec`s this
// script so no shell sits in between to swallow it), or the whole process
// group at once. So each one is passed on to the step running now (the server,
// or a build step), this script waits for that step to end instead of dying
// first and leaving it orphaned, no later step starts, and the step's exit
// code becomes ours. In the process-group case the server gets the signal more
// than once (from the group, from here); its shutdown must not mind.
const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;
let runningStep: ChildProcess | null = null;
let isStopping = false;
for (const signal of STOP_SIGNALS) {
  process.on(signal, () => {
    isStopping = true;
    if (runningStep) runningStep.kill(signal);
    else process.exit(128 + constants.signals[signal]);
  });
}

/** Runs one step in the foreground; stops this script with the step's code when it fails or when a stop signal came. */
async function step(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    runningStep = child;
    child.on("error", reject);
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? 128 + constants.signals[signal ?? "SIGTERM"]));
  }).finally(() => {
    runningStep = null;
  });
  if (code !== 0 && !isStopping) console.error(`${command} ${args.join(" ")} failed (exit ${code}).`);
  if (code !== 0 || isStopping) process.exit(code);
}

const databaseUrl = await ensureDatabaseServer(env.DATABASE_URL);
const childEnv = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: isDev ? "development" : "production" } as const;

// Each step is run without npx, whose shell would die of a forwarded signal and leave the step running.
await step("node", ["--import", "tsx", "scripts/generate.ts"]);
const applied = await applyMigrations(databaseUrl);
console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
if (!isDev) await step(path.join("node_modules", ".bin", "next"), ["build"], { env: childEnv });

await step("node", ["--import", "tsx", "server.ts"], { env: childEnv });
process.exit(0);
