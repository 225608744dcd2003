import { spawn, type ChildProcess, type SpawnOptions } from "../scripts/child-process.mjs";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { STOP_SIGNALS } from "../lib/stop-signals";

// Every process the bench starts is tracked here, so the end of a run (normal,
// failed or interrupted) stops exactly those, by PID, and nothing else.

const running = new Set<ChildProcess>();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once("exit", () => running.delete(child));
  return child;
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  // No pid: it never started (ENOENT), and no exit event will come.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL if the process has not gone within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (await exited(child, 0)) return;
  child.kill("SIGTERM");
  if (await exited(child, graceMs)) return;
  child.kill("SIGKILL");
  await exited(child, 5_000);
}

/**
 * Ctrl-C or SIGTERM: `cleanUp` (which stops this run's own processes), then
 * exit 130. Not `once`: Ctrl-C reaches the process both from the terminal and
 * relayed by tsx, and a second signal with no listener left would end the
 * process halfway through cleaning up.
 */
export function cleanUpOnInterrupt(what: string, isCleaningUp: () => boolean, cleanUp: () => Promise<void>) {
  for (const signal of STOP_SIGNALS) {
    process.on(signal, () => {
      if (!isCleaningUp()) console.log(`\n${signal}: stopping ${what} own processes…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}

/** For an exit hook: whatever is still running is killed at once (the caller is exiting anyway). */
export function killAll(): void {
  for (const child of running) child.kill("SIGKILL");
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child)));
}

export type LoggedProcess = { child: ChildProcess; stderrLog: string };

/**
 * Starts a long-running process with its stdout and stderr in `<logDir>/<name>.{stdout,stderr}.log`,
 * and resolves once `readyPattern` appears on stdout.
 */
export function spawnLogged(
  command: string,
  args: string[],
  { name, logDir, readyPattern, timeoutMs = 60_000, ...options }: SpawnOptions & { name: string; logDir: string; readyPattern: string; timeoutMs?: number },
): Promise<LoggedProcess> {
  mkdirSync(logDir, { recursive: true });
  const stderrLog = path.join(logDir, `${name}.stderr.log`);
  const child = track(spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] }));
  child.stdout!.pipe(createWriteStream(path.join(logDir, `${name}.stdout.log`)));
  child.stderr!.pipe(createWriteStream(stderrLog));
  return new Promise((resolve, reject) => {
    // The pattern may arrive split over two chunks: keep a short tail of what came before.
    let tail = "";
    const timer = setTimeout(() => fail(`${name} was not ready within ${timeoutMs / 1000} s`), timeoutMs);
    const onExit = (code: number | null) => fail(`${name} exited (code ${code}) before it was ready; see ${stderrLog}`);
    const onError = (error: Error) => fail(`${name} could not start (${command}: ${error.message})`);
    function fail(message: string) {
      clearTimeout(timer);
      child.stdout!.removeListener("data", onData);
      child.removeListener("exit", onExit);
      child.removeListener("error", onError);
      void stopProcess(child).then(() => reject(new Error(message)));
    }
    function onData(chunk: Buffer) {
      tail = (tail + chunk.toString()).slice(-500);
      if (!tail.includes(readyPattern)) return;
      clearTimeout(timer);
      child.stdout!.removeListener("data", onData);
      child.removeListener("exit", onExit);
      child.removeListener("error", onError);
      resolve({ child, stderrLog });
    }
    child.stdout!.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}
