import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { openViewingSession } from "../analytics/open-viewing-session";
import { env } from "../env";
import { authenticateSocket } from "./authenticate-socket";
import { isAllowedOrigin } from "./check-origin";
import { ROOMS, type ClientToServerEvents } from "./contract";
import { refuse } from "./define-handler";
import { registerChatHandlers } from "./handlers/chat";
import { registerHeartbeatHandler } from "./handlers/heartbeat";
import { registerQuestionHandlers } from "./handlers/questions";
import { setIo, type RoomServer, type RoomSocket } from "./io";
import { addWatcher, removeWatcher, scheduleStatsBroadcast } from "./presence";
import { buildRoomState, isModerator } from "./room-state";

const KNOWN_EVENTS = new Set<string>(["chat", "ask", "approve", "reject", "answer", "hide", "upvote", "ping"] satisfies (keyof ClientToServerEvents)[]);

/** Socket.IO on server.ts's HTTP server, same port, path /socket.io. */
export function attachRealtime(httpServer: HttpServer): RoomServer {
  const io: RoomServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    // Leave upgrades Socket.IO does not own (Next's dev HMR socket) to Next.
    destroyUpgrade: false,
    // Real payloads are under 2 KB. Up to 1 MB an oversized text still gets an error ack
    // (the schema refuses it); beyond that Socket.IO closes the connection.
    maxHttpBufferSize: 1_000_000,
    // A vanished client (closed laptop, dropped network) is noticed within ~20 s, so "watching now" stays honest.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    allowRequest: (request, callback) => {
      const isAllowed = isAllowedOrigin(request, env.ALLOWED_ORIGINS);
      callback(isAllowed ? null : "origin not allowed", isAllowed);
    },
  });
  io.use(authenticateSocket);
  io.on("connection", (socket) => void welcome(io, socket));
  setIo(io);
  return io;
}

async function welcome(io: RoomServer, socket: RoomSocket) {
  const { user, surface } = socket.data;
  socket.join([ROOMS.viewers, ROOMS.user(user.id)]);
  if (isModerator(user.role)) socket.join(ROOMS.moderators);
  if (user.role === "speaker") socket.join(ROOMS.speakers);

  registerChatHandlers(io, socket);
  registerQuestionHandlers(io, socket);
  registerHeartbeatHandler(socket);
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (!KNOWN_EVENTS.has(event) && typeof ack === "function") ack(refuse("unknown_event", `There is no event called "${event}".`));
  });

  // Reports count the audience: staff checking the stream open no viewing session and are not "watching".
  if (surface === "watch" && user.role === "viewer") {
    addWatcher(user.id);
    scheduleStatsBroadcast(io);
    socket.on("disconnect", () => {
      removeWatcher(user.id);
      scheduleStatsBroadcast(io);
    });
    openViewingSession(user.id).catch((error) => console.error("Opening a viewing session failed:", error));
  }

  try {
    socket.emit("state", await buildRoomState(user, socket.handshake.auth));
  } catch (error) {
    console.error("Sending room state failed:", error);
    socket.disconnect(true);
  }
}
