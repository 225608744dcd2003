import { closeSync, openSync } from "node:fs";
import path from "node:path";
import { freePort } from "../scripts/free-port";
import { run } from "../scripts/run-command";
import { spawnLogged, stopProcess } from "./processes";
import { BENCH_SESSION_SECRET } from "./seed-viewers";
import { sum } from "./sums";
import { residentMb } from "./process-usage";

// The two servers every figure compares: Podium's real server.ts (production
// build) and the bare Socket.IO baseline, each as one or more processes.

export const DIST_DIR = ".next-bench";

export type Kind = "podium" | "baseline";

export type ServerUnderTest = {
  kind: Kind;
  urls: string[];
  pids: number[];
  stderrLogs: string[];
  /** Resident memory of all its processes, from /proc/<pid>/status. */
  rssMb: () => number;
  stop: () => Promise<void>;
};

export type ServerSetup = {
  logDir: string;
  databaseUrl: string;
  processes?: number;
  heartbeatSeconds?: number;
  redisUrl?: string;
  /** node --cpu-prof for every server process, written beside the logs. */
  profile?: boolean;
  /** Podium's production build (default DIST_DIR); the soak keeps one of its own. */
  distDir?: string;
  /** More node flags (the soak preloads its memory probe) and environment. */
  nodeArgs?: string[];
  env?: Record<string, string>;
};

export async function startServerUnderTest(kind: Kind, name: string, setup: ServerSetup): Promise<ServerUnderTest> {
  // An inherited REDIS_URL would point a single process at someone else's Redis: only the bench's own is passed on.
  const { REDIS_URL: _inherited, ...inherited } = process.env;
  const started = await Promise.all(
    Array.from({ length: setup.processes ?? 1 }, async (_, index) => {
      const port = await freePort();
      const env = {
        ...inherited,
        NODE_ENV: "production" as const,
        HOST: "127.0.0.1",
        PORT: String(port),
        ...(setup.redisUrl ? { REDIS_URL: setup.redisUrl } : {}),
        ...(kind === "podium"
          ? { DATABASE_URL: setup.databaseUrl, NEXT_DIST_DIR: setup.distDir ?? DIST_DIR, SESSION_SECRET: BENCH_SESSION_SECRET, HEARTBEAT_SECONDS: String(setup.heartbeatSeconds ?? 60) }
          : {}),
        ...setup.env,
      };
      const script = kind === "podium" ? "server.ts" : "bench/baseline-server.ts";
      const readyPattern = kind === "podium" ? "Podium is ready" : "Baseline is ready";
      // A folder per process: tsx's loader thread writes a profile of its own beside the main thread's.
      const profile = setup.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(setup.logDir, `${name}-${index + 1}.cpuprofiles`)}`] : [];
      const { child, stderrLog } = await spawnLogged("node", [...profile, "--import", "tsx", ...(setup.nodeArgs ?? []), script], { name: `${name}-${index + 1}`, logDir: setup.logDir, readyPattern, env });
      return { child, stderrLog, url: `http://127.0.0.1:${port}` };
    }),
  );
  return {
    kind,
    urls: started.map((server) => server.url),
    pids: started.map((server) => server.child.pid!),
    stderrLogs: started.map((server) => server.stderrLog),
    rssMb: () => sum(started.map((server) => residentMb(server.child.pid!))),
    stop: async () => {
      await Promise.all(started.map((server) => stopProcess(server.child)));
    },
  };
}

/** Prisma's client and the production build in `distDir`, as `npm run build` makes them; output in <logDir>/build.log. */
export async function buildPodium(logDir: string, distDir = DIST_DIR): Promise<void> {
  const log = openSync(path.join(logDir, "build.log"), "w");
  const env = { ...process.env, NODE_ENV: "production" as const, NEXT_DIST_DIR: distDir };
  try {
    for (const [command, ...args] of [["tsx", "scripts/generate.ts"], ["next", "build"]]) {
      const code = await run(command, args, { env, stdio: ["ignore", log, log] });
      if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${code}); see ${path.join(logDir, "build.log")}`);
    }
  } finally {
    closeSync(log);
  }
}
