import type { z } from "zod";
import { loadSessionUser } from "../users/load-session-user";
import type { AckError, ClientToServerEvents, Role } from "./contract";
import type { RoomSocket } from "./io";
import { RoomError } from "./room-error";

type EventName = keyof ClientToServerEvents;

/** One client event's listener. It is the same function for every socket (Socket.IO calls it with `this` = the socket), so 10,000 sockets do not hold 10,000 copies. */
export type RoomHandler = { event: EventName; listener: (this: RoomSocket, ...args: unknown[]) => Promise<void> };

export function refuse(error: AckError["error"], message: string): AckError {
  return { ok: false, error, message };
}

/** Privileged events re-check the session, so a password change or demotion takes effect at once. */
async function hasRole(socket: RoomSocket, roles: readonly Role[]): Promise<boolean> {
  if (!roles.includes(socket.data.user.role)) return false;
  const current = await loadSessionUser(socket.data.session);
  return current !== null && roles.includes(current.role);
}

/**
 * Defines one client event: role check, payload validation, then the work.
 * Whatever happens the client gets exactly one ack, and a failure never
 * reaches other clients or takes the server down.
 */
export function defineHandler<Schema extends z.ZodType, Result extends object>(
  event: EventName,
  options: { roles?: readonly Role[]; schema: Schema; run: (input: z.output<Schema>, socket: RoomSocket) => Promise<Result> },
): RoomHandler {
  async function listener(this: RoomSocket, ...args: unknown[]) {
    // emit(event, callback) with no payload: the callback is the last argument either way.
    const ack = args.at(-1);
    const payload = args.length > 1 || typeof ack !== "function" ? args[0] : undefined;
    const reply = typeof ack === "function" ? (ack as (response: unknown) => void) : () => {};
    try {
      if (options.roles && !(await hasRole(this, options.roles))) return reply(refuse("forbidden", "Your role does not allow that."));
      const parsed = options.schema.safeParse(payload);
      if (!parsed.success) return reply(refuse("invalid", parsed.error.issues[0]?.message ?? "That request is not valid."));
      reply({ ok: true, ...(await options.run(parsed.data, this)) });
    } catch (error) {
      if (error instanceof RoomError) return reply(refuse(error.code, error.message));
      console.error(`Socket event ${event} failed:`, error);
      reply(refuse("server_error", "Something went wrong on our side. Please try again."));
    }
  }
  return { event, listener };
}
