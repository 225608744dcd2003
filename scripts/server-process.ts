import { spawn, type ChildProcess } from "./child-process.mjs";

// A server.ts of its own, for end-to-end specs that must stop, restart or run
// it in development mode (on the end-to-end database unless told otherwise),
// and for the reports benchmark.

export function startServer(port: number, extraEnv: Record<string, string> = {}, timeoutMs = 30_000): Promise<ChildProcess> {
  const child = spawn("node", ["--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      HEARTBEAT_SECONDS: "2",
      ...extraEnv,
    },
    // An IPC channel, for the stop message that is Windows' graceful stop (askToStop); unref'd, so it
    // never keeps the test process alive by itself.
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  child.channel?.unref();
  return new Promise((resolve, reject) => {
    // One that never got ready is stopped, not left running with nobody holding its PID.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server.ts did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Podium is ready")) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`server.ts exited with ${code}`)));
  });
}

/**
 * Asks server.ts for its graceful shutdown: SIGTERM, as process managers send
 * it; on Windows, where kill() ends a process at once, the stop message that
 * `npm start` sends there (server.ts runs the same shutdown for both).
 */
export function askToStop(child: ChildProcess) {
  if (process.platform === "win32") child.send("stop");
  else child.kill("SIGTERM");
}

export function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    askToStop(child);
  });
}
