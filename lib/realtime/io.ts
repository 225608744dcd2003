import type { Server, Socket } from "socket.io";
import type { SessionData } from "../session-options";
import type { ClientToServerEvents, EventInfo, Role, ServerToClientEvents, Surface } from "./contract";
import type { Joiner } from "./load-joiner";
import type { RoomUpdate } from "./room-snapshot";

/**
 * Kept per socket for its whole life, so kept small. The handshake's session
 * stays so privileged events can check it is still valid; `joiner` carries
 * the handshake's lookup to the first `state` and is then dropped.
 */
export type SocketData = {
  user: { id: number; name: string; role: Role };
  /** The event whose room this socket is in: every handler and query acts in it. */
  eventId: number;
  surface: Surface;
  session: SessionData;
  joiner?: Joiner & { event: EventInfo };
};
/** Between server processes (through the Redis adapter): changes to a room's snapshot. */
export type InterServerEvents = {
  "room:update": (eventId: number, update: RoomUpdate) => void;
  /** An organiser changed this event: forget what this process knew of it. */
  "event:update": (eventId: number) => void;
};
export type RoomServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

// server.ts creates the Socket.IO server; code bundled by Next (server
// actions) does not share module instances with it, so the instance is
// reached through globalThis.
const globalForIo = globalThis as unknown as { podiumIo?: RoomServer };

export function setIo(io: RoomServer) {
  globalForIo.podiumIo = io;
}

/** The running Socket.IO server, or null outside server.ts (build, tests). */
export function getIo(): RoomServer | null {
  return globalForIo.podiumIo ?? null;
}
