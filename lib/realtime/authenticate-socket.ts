import { unsealData } from "iron-session";
import { env } from "../env";
import { findLiveRoomEvent, toEventInfo } from "../events/find-event";
import { databaseFailureOf } from "../health/database-failure";
import { isDatabaseDown, noteDatabaseFailure } from "../health/database-health";
import { SESSION_COOKIE, SESSION_TTL_SECONDS, type SessionData } from "../session-options";
import type { Surface } from "./contract";
import type { RoomSocket } from "./io";
import { loadJoiner } from "./load-joiner";
import { getSnapshot } from "./room-snapshot";

const SURFACES: Surface[] = ["watch", "mod", "speaker"];

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** A refusal the client should retry (the database is away or slow): not a sign-out. */
function unavailable(): Error {
  return Object.assign(new Error("unavailable"), { data: { retryInMs: 2_000 + Math.round(Math.random() * 3_000) } });
}

let lastFailureLog = 0;

/**
 * Handshake middleware: the same iron-session cookie as the pages and the
 * same rule for roles (lib/users/load-session-user.ts), read in a batched
 * lookup (load-joiner.ts) that waits its turn in the admission queue.
 * No valid session: connect_error "unauthorized". An `auth.surface` other
 * than watch, mod or speaker: "invalid_surface". An `auth.event` that names no
 * event (or an archived one), or none with no featured event: "not_found". An
 * attendee who has not registered for the event: "not_registered". The
 * database failing: "unavailable", which clients retry.
 */
export async function authenticateSocket(socket: RoomSocket, next: (error?: Error) => void) {
  let session: SessionData;
  try {
    // A malformed cookie (a stray % escape, a forged seal) is no session.
    const sealed = readCookie(socket.request.headers.cookie, SESSION_COOKIE);
    if (!sealed) return next(new Error("unauthorized"));
    session = await unsealData<SessionData>(sealed, { password: env.SESSION_SECRET, ttl: SESSION_TTL_SECONDS });
  } catch {
    return next(new Error("unauthorized"));
  }
  if (!session.userId) return next(new Error("unauthorized"));
  // Known to be away (lib/health/database-health.ts): refused at once, so a reconnecting crowd queues nothing.
  if (isDatabaseDown()) return next(unavailable());
  const startedAt = Date.now();
  try {
    const requested = socket.handshake.auth?.surface;
    if (requested !== undefined && !SURFACES.includes(requested)) return next(new Error("invalid_surface"));
    const slug = socket.handshake.auth?.event;
    const event = slug === undefined || typeof slug === "string" ? await findLiveRoomEvent(slug) : null;
    if (!event) return next(new Error("not_found"));
    const joiner = await loadJoiner(session, event.id);
    if (!joiner) return next(new Error("unauthorized"));
    // Attendees join the rooms of the events they registered for; staff work in every event.
    if (joiner.user.role === "viewer" && !joiner.isRegistered) return next(new Error("not_registered"));
    // Loaded once per process (and kept current), so the `state` that follows is built from memory.
    await getSnapshot(event.id);
    const { id, name, role } = joiner.user;
    socket.data = { user: { id, name, role }, eventId: event.id, surface: requested ?? "watch", session, joiner: { ...joiner, event: toEventInfo(event) } };
    next();
  } catch (error) {
    // Whatever failed (the database, the room snapshot's load), this is "not now", never a sign-out.
    if (!databaseFailureOf(noteDatabaseFailure(error, startedAt)) && Date.now() - lastFailureLog > 10_000) {
      console.error("Admitting a socket failed; it was told to retry:", error);
      lastFailureLog = Date.now();
    }
    next(unavailable());
  }
}
