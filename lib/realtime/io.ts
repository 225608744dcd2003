import type { Server, Socket } from "socket.io";
import type { SessionData } from "../session-options";
import type { ClientToServerEvents, Role, ServerToClientEvents, Surface } from "./contract";

/** The handshake's session is kept so privileged events can check it is still valid. */
export type SocketData = { user: { id: number; name: string; role: Role }; surface: Surface; session: SessionData };
export type RoomServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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
