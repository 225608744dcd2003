// Which failures mean "the database cannot be reached right now" (an outage:
// retry later, never a sign-out) and which mean "it is there but every
// connection is busy" (overload: retry too, but the database is not down).
// Errors reach Podium three ways, all walked below: the mariadb driver's own
// (errno, code, `cause`), Prisma's (the driver's error folded into
// `meta.driverAdapterError.cause`, its own cause reduced to a string), and
// Node's socket errors (ECONNREFUSED…).

export type DatabaseFailure = "unreachable" | "busy";

// mariadb's ER_GET_CONNECTION_TIMEOUT: no connection within acquireTimeout. With a `cause`
// the pool could not open one (the database is away); without, every one was busy.
const POOL_TIMEOUT = 45028;

const UNREACHABLE_ERRNOS = new Set([
  45001, // ER_CONNECTION_ALREADY_CLOSED
  45009, // ER_SOCKET_UNEXPECTED_CLOSE
  45012, // ER_CONNECTION_TIMEOUT
  45013, // ER_CMD_CONNECTION_CLOSED
  45026, // ER_SOCKET_TIMEOUT
  45042, // ER_PING_TIMEOUT
  45060, // ER_POOL_NOT_INITIALIZED
  45061, // ER_POOL_NO_CONNECTION
  1053, // ER_SERVER_SHUTDOWN: "Server shutdown in progress"
  1927, // ER_CONNECTION_KILLED
  2002, // the C client's "can't connect" family, as other tools report it
  2003,
  2006,
  2013,
]);

// Too many connections: the server is up but refuses us more.
const BUSY_ERRNOS = new Set([1040, 1203]);

const NETWORK_CODES = ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ER_SOCKET_UNEXPECTED_CLOSE", "ER_CONNECTION_TIMEOUT"];
const NETWORK_PATTERN = new RegExp(`\\b(${NETWORK_CODES.join("|")})\\b`);

// Prisma's own codes for the same: can't reach, timed out, connection closed, pool timeout.
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1017"]);
const PRISMA_POOL_TIMEOUT = "P2024";

type ErrorLike = { errno?: unknown; code?: unknown; fatal?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; kind?: unknown; message?: unknown };

function classifyOne(error: ErrorLike): DatabaseFailure | null {
  const errno = typeof error.errno === "number" ? error.errno : typeof error.code === "number" ? error.code : undefined;
  if (errno === POOL_TIMEOUT) return error.cause ? "unreachable" : "busy";
  if (errno !== undefined && UNREACHABLE_ERRNOS.has(errno)) return "unreachable";
  if (errno !== undefined && BUSY_ERRNOS.has(errno)) return "busy";
  if (error.kind === "TooManyConnections") return "busy";
  if (typeof error.code === "string") {
    if (PRISMA_UNREACHABLE.has(error.code)) return "unreachable";
    if (error.code === PRISMA_POOL_TIMEOUT) return "busy";
    if (NETWORK_CODES.includes(error.code)) return "unreachable";
  }
  // The driver marks an error fatal when the connection it came on is dead.
  if (error.fatal === true) return "unreachable";
  return null;
}

/** What kind of database failure this error is, or null when it is something else (a bad query, a bug). */
export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  let found: DatabaseFailure | null = null;
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  // Breadth first through causes and Prisma's wrapper, a few levels at most; "unreachable" wins over "busy".
  while (pending.length && seen.size < 8) {
    const current = pending.shift();
    if (current === null || current === undefined || seen.has(current)) continue;
    seen.add(current);
    if (typeof current === "string") {
      if (NETWORK_PATTERN.test(current)) return "unreachable";
      continue;
    }
    if (typeof current !== "object") continue;
    const candidate = current as ErrorLike;
    const kind = classifyOne(candidate);
    if (kind === "unreachable") return kind;
    found ??= kind;
    pending.push(candidate.cause, candidate.meta?.driverAdapterError);
  }
  return found;
}
