import { parseArgs } from "node:util";

export const USAGE =
  "Usage: npm run bench [-- --quick --skip-build --storms 1000,5000 --chat-viewers 1000 --chat-rates 10,20,40,60,80,100,120,160 " +
  "--chat-seconds 8 --heartbeat-viewers 5000 --heartbeat-window 45 --idle-window 10 --settle-seconds 5 --redis-viewers 1000 --redis-rate 20 --workers 4 --profile]";

// [default, --quick]: --quick keeps every phase but shrinks it to a smoke run of about two minutes.
const SIZES = {
  storms: ["1000,5000", "200,500"],
  "chat-viewers": ["1000", "200"],
  "chat-rates": ["10,20,40,60,80,100,120,160", "10,20,40"],
  "chat-seconds": ["8", "4"],
  "heartbeat-viewers": ["5000", "500"],
  "heartbeat-window": ["45", "10"],
  "idle-window": ["10", "4"],
  "settle-seconds": ["5", "2"],
  "redis-viewers": ["1000", "200"],
  "redis-rate": ["20", "20"],
  workers: ["4", "3"],
} as const;
type SizeName = keyof typeof SIZES;

export type BenchOptions = ReturnType<typeof parseOptions>;

function positiveNumbers(text: string, name: SizeName): number[] {
  const list = text.split(",").map(Number);
  if (list.some((value) => !Number.isFinite(value) || value <= 0)) throw new Error(`--${name} takes positive numbers, comma-separated.\n${USAGE}`);
  return list;
}

export function parseOptions(args: string[]) {
  const sizeOptions = Object.fromEntries(Object.keys(SIZES).map((name) => [name, { type: "string" }])) as Record<SizeName, { type: "string" }>;
  const { values } = parseArgs({
    args,
    options: { quick: { type: "boolean" }, "skip-build": { type: "boolean" }, profile: { type: "boolean" }, help: { type: "boolean" }, ...sizeOptions },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const list = (name: SizeName) => positiveNumbers(values[name] ?? SIZES[name][values.quick ? 1 : 0], name);
  const one = (name: SizeName) => list(name)[0];
  const heartbeatViewers = one("heartbeat-viewers");
  return {
    quick: values.quick ?? false,
    skipBuild: values["skip-build"] ?? false,
    // Each server process (Podium's and the baseline's) writes V8 CPU profiles (node --cpu-prof) to .data/bench-logs/<server>.cpuprofiles/ when it stops.
    profile: values.profile ?? false,
    storms: list("storms"),
    chatViewers: one("chat-viewers"),
    chatRates: list("chat-rates").sort((a, b) => a - b),
    chatSeconds: one("chat-seconds"),
    heartbeatViewers,
    // Pings per second equal to 20,000 viewers on the production 60 s heartbeat (Podium accepts 1–120 s).
    heartbeatSeconds: Math.min(120, Math.max(1, Math.round((60 * heartbeatViewers) / 20_000))),
    heartbeatWindow: one("heartbeat-window"),
    idleWindow: one("idle-window"),
    settleSeconds: one("settle-seconds"),
    redisViewers: one("redis-viewers"),
    redisRate: one("redis-rate"),
    workers: one("workers"),
  };
}
