import type { z } from "zod";
import { databaseFailureOf } from "../health/database-failure";
import { isDatabaseDown, noteDatabaseFailure } from "../health/database-health";
import { loadSessionUser } from "../users/load-session-user";
import type { AckError, ClientToServerEvents, Role } from "./contract";
import type { RoomSocket } from "./io";
import { enforceLimit, type LimitedAction } from "./rate-limit";
import { RoomError } from "./room-error";

type EventName = keyof ClientToServerEvents;

/** One client event's listener. It is the same function for every socket (Socket.IO calls it with `this` = the socket), so 10,000 sockets do not hold 10,000 copies. */
export type RoomHandler = { event: EventName; listener: (this: RoomSocket, ...args: unknown[]) => Promise<void> };

export const DATABASE_UNAVAILABLE = "Podium can't reach its database. Try again in a moment.";

const FORBIDDEN = "Your role does not allow that.";

export function refuse(error: AckError["error"], message: string): AckError {
  return { ok: false, error, message };
}

/** Privileged events re-check the session, so a password change, a demotion or an ended session takes effect at once. */
async function isStillAllowed(socket: RoomSocket, roles: readonly Role[]): Promise<boolean> {
  const current = await loadSessionUser(socket.data.session);
  return current !== null && roles.includes(current.role);
}

/**
 * Defines one client event: the role the socket joined with, payload
 * validation, the person's rate limit, for privileged events the session
 * re-checked in the database, then the work. The cheap checks come first, so
 * a flood is refused before it costs a query. Whatever happens the client
 * gets exactly one ack, and a failure never reaches other clients or takes
 * the server down.
 */
export function defineHandler<Schema extends z.ZodType, Result extends object>(
  event: EventName,
  options: { roles?: readonly Role[]; schema: Schema; limit?: LimitedAction; run: (input: z.output<Schema>, socket: RoomSocket) => Promise<Result> },
): RoomHandler {
  async function listener(this: RoomSocket, ...args: unknown[]) {
    // emit(event, callback) with no payload: the callback is the last argument either way.
    const ack = args.at(-1);
    const payload = args.length > 1 || typeof ack !== "function" ? args[0] : undefined;
    const reply = typeof ack === "function" ? (ack as (response: unknown) => void) : () => {};
    const startedAt = Date.now();
    try {
      if (options.roles && !options.roles.includes(this.data.user.role)) return reply(refuse("forbidden", FORBIDDEN));
      const parsed = options.schema.safeParse(payload);
      if (!parsed.success) return reply(refuse("invalid", parsed.error.issues[0]?.message ?? "That request is not valid."));
      if (options.limit) await enforceLimit(options.limit, `${this.data.eventId}:${this.data.user.id}`);
      if (options.roles && !(await isStillAllowed(this, options.roles))) return reply(refuse("forbidden", FORBIDDEN));
      reply({ ok: true, ...(await options.run(parsed.data, this)) });
    } catch (error) {
      if (error instanceof RoomError) return reply(refuse(error.code, error.message));
      // The database away (or every connection busy): answered within the pools' 2 s acquire
      // timeout, well inside a client's ack timeout, and retryable; no stack trace per event.
      if (databaseFailureOf(noteDatabaseFailure(error, startedAt)) || isDatabaseDown()) return reply(refuse("unavailable", DATABASE_UNAVAILABLE));
      console.error(`Socket event ${event} failed:`, error);
      reply(refuse("server_error", "Something went wrong on our side. Please try again."));
    }
  }
  return { event, listener };
}
