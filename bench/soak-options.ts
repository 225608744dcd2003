import { parseArgs } from "node:util";

export const SOAK_USAGE =
  "Usage: npm run soak [-- --minutes 30 --viewers 200 --chat-rate 20 --ask-rate 0.2 --upvote-rate 2 --hide-rate 0.1 " +
  "--reconnects-per-minute 20 --heartbeat-seconds 5 --warmup-minutes M --sample-seconds 5 --max-mb-per-hour 30 --min-growth-mb 10 --skip-build]";

// The server's per-person limits (lib/realtime/rate-limit.ts): the soak stays
// at half of each, so a `rate_limited` ack in its report is a server fault,
// not the soak's own doing.
export const PERSON_LIMITS = {
  chat: { points: 8, seconds: 10 },
  ask: { points: 5, seconds: 60 },
  upvote: { points: 30, seconds: 10 },
  ping: { points: 10, seconds: 10 },
  moderation: { points: 50, seconds: 10 },
} as const;
const SHARE_OF_LIMIT = 0.5;

const DEFAULTS = {
  minutes: 30,
  viewers: 200,
  "chat-rate": 20,
  "ask-rate": 0.2,
  "upvote-rate": 2,
  "hide-rate": 0.1,
  "reconnects-per-minute": 20,
  "heartbeat-seconds": 5,
  "sample-seconds": 5,
  "max-mb-per-hour": 30,
  "min-growth-mb": 10,
} as const;
type NumberName = keyof typeof DEFAULTS | "warmup-minutes";

export type SoakOptions = ReturnType<typeof parseSoakOptions>;

/** The most a person may send of `kind` per second and still stay at half the server's limit. */
export const perPersonCeiling = (kind: keyof typeof PERSON_LIMITS) => (PERSON_LIMITS[kind].points * SHARE_OF_LIMIT) / PERSON_LIMITS[kind].seconds;

export function parseSoakOptions(args: string[]) {
  const names = [...Object.keys(DEFAULTS), "warmup-minutes"] as NumberName[];
  const numberOptions = Object.fromEntries(names.map((name) => [name, { type: "string" }])) as Record<NumberName, { type: "string" }>;
  const { values } = parseArgs({ args, options: { "skip-build": { type: "boolean" }, help: { type: "boolean" }, ...numberOptions } });
  if (values.help) {
    console.log(SOAK_USAGE);
    process.exit(0);
  }
  const number = (name: NumberName, fallback: number) => {
    const text = values[name];
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a number ≥ 0.\n${SOAK_USAGE}`);
    return value;
  };
  const minutes = number("minutes", DEFAULTS.minutes);
  const options = {
    minutes,
    viewers: Math.round(number("viewers", DEFAULTS.viewers)),
    chatRate: number("chat-rate", DEFAULTS["chat-rate"]),
    askRate: number("ask-rate", DEFAULTS["ask-rate"]),
    upvoteRate: number("upvote-rate", DEFAULTS["upvote-rate"]),
    hideRate: number("hide-rate", DEFAULTS["hide-rate"]),
    reconnectsPerMinute: number("reconnects-per-minute", DEFAULTS["reconnects-per-minute"]),
    heartbeatSeconds: Math.round(number("heartbeat-seconds", DEFAULTS["heartbeat-seconds"])),
    // The server's room snapshot keeps hides for 10 minutes and fills its caches as it goes:
    // memory is judged only after that (a third of a short run).
    warmupMinutes: number("warmup-minutes", Math.min(10, minutes / 3)),
    sampleSeconds: number("sample-seconds", DEFAULTS["sample-seconds"]),
    maxMbPerHour: number("max-mb-per-hour", DEFAULTS["max-mb-per-hour"]),
    minGrowthMb: number("min-growth-mb", DEFAULTS["min-growth-mb"]),
    skipBuild: values["skip-build"] ?? false,
  };
  const problems = [
    options.minutes <= 0 || options.minutes > 24 * 60 ? "--minutes must be over 0 and at most 1440." : null,
    options.viewers < 1 ? "--viewers must be at least 1." : null,
    options.warmupMinutes >= options.minutes ? "--warmup-minutes must be shorter than the run." : null,
    options.sampleSeconds < 1 ? "--sample-seconds must be at least 1." : null,
    options.heartbeatSeconds < 1 || options.heartbeatSeconds > 120 ? "--heartbeat-seconds must be 1–120 (the server's range)." : null,
    1 / options.heartbeatSeconds > perPersonCeiling("ping") ? `--heartbeat-seconds ${options.heartbeatSeconds} pings faster than half the ping limit.` : null,
    ...(["chat", "ask", "upvote"] as const).map((kind) => {
      const rate = options[`${kind}Rate`];
      const ceiling = perPersonCeiling(kind) * options.viewers;
      return rate > ceiling ? `--${kind}-rate ${rate}/s is over half of ${options.viewers} viewers' ${kind} limit (at most ${ceiling.toFixed(2)}/s).` : null;
    }),
    // One moderator approves every question, answers about as many and hides: one person's moderation limit.
    2 * options.askRate + options.hideRate > perPersonCeiling("moderation") ? "--ask-rate and --hide-rate ask more moderation than one moderator may do." : null,
  ].filter((problem) => problem !== null);
  if (problems.length) throw new Error(`${problems.join("\n")}\n${SOAK_USAGE}`);
  return options;
}
