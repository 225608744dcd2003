import { unsealData } from "iron-session";
import { env } from "../env";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, type SessionData } from "../session-options";
import { loadSessionUser } from "../users/load-session-user";
import type { Surface } from "./contract";
import type { RoomSocket } from "./io";

const SURFACES: Surface[] = ["watch", "mod", "speaker"];

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/**
 * Handshake middleware: the same iron-session cookie as the pages and the
 * same rule for roles (lib/users/load-session-user.ts). Anything else is
 * refused with connect_error "unauthorized"; an `auth.surface` other than
 * watch, mod or speaker with "invalid_surface".
 */
export async function authenticateSocket(socket: RoomSocket, next: (error?: Error) => void) {
  try {
    const sealed = readCookie(socket.request.headers.cookie, SESSION_COOKIE);
    if (!sealed) return next(new Error("unauthorized"));
    const session = await unsealData<SessionData>(sealed, { password: env.SESSION_SECRET, ttl: SESSION_TTL_SECONDS });
    const user = await loadSessionUser(session);
    if (!user) return next(new Error("unauthorized"));
    const requested = socket.handshake.auth?.surface;
    if (requested !== undefined && !SURFACES.includes(requested)) return next(new Error("invalid_surface"));
    socket.data.user = { id: user.id, name: user.name, role: user.role };
    socket.data.session = session;
    socket.data.surface = requested ?? "watch";
    next();
  } catch {
    next(new Error("unauthorized"));
  }
}
