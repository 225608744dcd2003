import { randomBytes } from "node:crypto";
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url";
import { parseStreamUrl } from "./events/stream-origin";

// Podium's whole configuration, parsed once at start-up. Everything else imports
// `env` instead of reading process.env, so a bad value fails here, with one
// clear line per problem, instead of somewhere deep in a request.

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\/.+/, "must look like mysql://user:password@host:3306/database")
    .default(DEFAULT_DATABASE_URL),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number({ error: "must be a port number (1-65535)" }).int("must be a port number (1-65535)").min(1, "must be a port number (1-65535)").max(65535, "must be a port number (1-65535)").default(3000),
  // iron-session needs at least 32 characters. When unset, a random secret is
  // generated once and kept in .data/ so sessions survive restarts.
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // The video iframe's src. The default is a page Podium serves itself, so the
  // room works with no network at all.
  STREAM_URL: z
    .string()
    // Its origin goes into every page's Content-Security-Policy, so it is parsed as strictly as an event's.
    .refine((value) => /^\/(?![/\\])\S*$/.test(value) || parseStreamUrl(value) !== null, "must be a path starting with / or an http(s) URL with a plain host name (letters, digits, dashes, dots; an optional :port) and no user name")
    .default("/stream"),
  // How often /watch sends its heartbeat, and so the unit of watch-time credit.
  // 60 in production; tests shorten it.
  HEARTBEAT_SECONDS: z.coerce.number({ error: "must be a whole number of seconds" }).int("must be a whole number of seconds").min(1, "must be at least 1").max(120, "must be at most 120 (a viewing session ends after 5 minutes without one)").default(60),
  // Browser origins allowed to open a socket besides the host the request came
  // to, comma-separated (e.g. https://events.example.com). WebSockets are not
  // covered by CORS, so this is checked on every handshake.
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((origin) => origin.trim().replace(/\/$/, "")).filter(Boolean)),
  // Several server processes share one Redis: Socket.IO's adapter, "watching
  // now", rate limits and sign-in attempts. Unset: one process, no Redis.
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, "must look like redis://host:6379").optional(),
  // How many reverse proxies in front of Podium append to X-Forwarded-For (nginx with
  // $proxy_add_x_forwarded_for: 1). 0: the connection's own address is the client's,
  // and X-Forwarded-For is ignored (a client could write anything there).
  TRUST_PROXY: z.coerce.number({ error: "must be a number of proxies (0-5)" }).int("must be a number of proxies (0-5)").min(0, "must be a number of proxies (0-5)").max(5, "must be a number of proxies (0-5)").default(0),
  // Who may frame Podium's pages (Content-Security-Policy frame-ancestors), space-separated
  // origins, e.g. "https://www.example.com" for organisers who embed it. Default: only Podium itself.
  FRAME_ANCESTORS: z
    .string()
    .default("")
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^\s;,'"]+$/, "must be origins like https://www.example.com, space-separated"))),
  // Every key, stream and channel Podium uses starts with this, so several
  // Podium installs (or test runs) can share one Redis.
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/, "1 to 40 letters, digits, :, _ or -").default("podium:"),
});

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string };

/** Reads the generated secret, creating it (mode 0600) the first time. */
function readOrCreateSessionSecret(): string {
  const dataDir = path.join(process.cwd(), ".data");
  const secretFile = path.join(dataDir, "session-secret");
  mkdirSync(dataDir, { recursive: true });
  // Exclusive create, written in one call: when several processes start at once
  // (build workers on a fresh clone) exactly one secret wins and all read it.
  const tempFile = `${secretFile}.${process.pid}.tmp`;
  writeFileSync(tempFile, randomBytes(32).toString("hex") + "\n", { mode: 0o600 });
  try {
    linkSync(tempFile, secretFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(tempFile);
  }
  chmodSync(secretFile, 0o600);
  const secret = readFileSync(secretFile, "utf8").trim();
  if (secret.length < 32) throw new Error(`${secretFile} holds fewer than 32 characters: delete it or set SESSION_SECRET.`);
  return secret;
}

/** Parses a set of variables; throws one line per problem. Exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set", as in most .env conventions.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(defined);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  // A secret generated per host would make one process refuse the cookies another sealed.
  if (result.data.REDIS_URL && !result.data.SESSION_SECRET) {
    throw new Error("Invalid configuration:\nSESSION_SECRET: must be set when REDIS_URL is set (every process must seal cookies with the same secret)");
  }
  return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET ?? readOrCreateSessionSecret() };
}

function loadEnv(): Env {
  try {
    return parseEnv(process.env);
  } catch (error) {
    // One clear line per problem, not a stack trace.
    console.error((error as Error).message);
    process.exit(1);
  }
}

export const env: Env = loadEnv();
