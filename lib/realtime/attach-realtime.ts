import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-streams-adapter";
import { Server } from "socket.io";
import { env } from "../env";
import { isWatchTimeCounted } from "../events/event-rules";
import { findEventById, findFeaturedEvent, toEventInfo } from "../events/find-event";
import { databaseFailureOf } from "../health/database-failure";
import { noteDatabaseFailure } from "../health/database-health";
import { createAdapterRedis, redisKey } from "../redis";
import { authenticateSocket } from "./authenticate-socket";
import { isAllowedOrigin } from "./check-origin";
import { ROOMS, type EventInfo } from "./contract";
import type { RoomHandler } from "./define-handler";
import { chatHandlers } from "./handlers/chat";
import { heartbeatHandlers } from "./handlers/heartbeat";
import { questionHandlers } from "./handlers/questions";
import { heartbeats } from "./heartbeats";
import { deliverLocallyFirst } from "./local-first-adapter";
import { setIo, type RoomServer, type RoomSocket } from "./io";
import { isAdmissionFull } from "./load-joiner";
import { addWatcher, removeWatcher, scheduleStatsBroadcast, startPresence } from "./presence";
import { receiveEventUpdates } from "./event-updates";
import { catchUpAllRooms, dropSnapshots, getSnapshot, markSnapshotsStale, whenChatRecovered } from "./room-snapshot";
import { buildRoomState, isModerator } from "./room-state";
import { receiveRoomUpdates } from "./room-updates";
import { sharedJsonParser } from "./shared-json";
import { refuseUnknownEventName } from "./unknown-event";

const IDLE_ROOM_SWEEP_MS = 60_000;

/** Every client event, one list per live feature; the set of known events is derived from it. */
const HANDLERS: RoomHandler[] = [...chatHandlers, ...questionHandlers, ...heartbeatHandlers];
const KNOWN_EVENTS = new Set<string>(HANDLERS.map((handler) => handler.event));

/** Socket.IO on server.ts's HTTP server, same port, path /socket.io. */
export function attachRealtime(httpServer: HttpServer): RoomServer {
  const io: RoomServer = new Server(httpServer, {
    path: "/socket.io",
    serveClient: false,
    parser: sharedJsonParser,
    // In development, leave upgrades Socket.IO does not own (Next's hot reload) to Next. In
    // production nothing else takes upgrades (server.ts), so any other one is closed.
    destroyUpgrade: env.NODE_ENV === "production",
    // Real payloads are under 2 KB. Up to 1 MB an oversized text still gets an error ack
    // (the schema refuses it); beyond that Socket.IO closes the connection.
    maxHttpBufferSize: 1_000_000,
    // A vanished client (closed laptop, dropped network) is noticed within ~20 s, so "watching now" stays honest.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // Refused here, a handshake is a failed attempt that socket.io-client retries with backoff.
    allowRequest: (request, callback) => {
      if (!isAllowedOrigin(request, env.ALLOWED_ORIGINS)) return callback("origin not allowed", false);
      if (isAdmissionFull()) return callback("server busy, retry", false);
      callback(null, true);
    },
    ...(env.REDIS_URL ? { adapter: redisAdapter(env.REDIS_URL) } : {}),
  });
  io.use(authenticateSocket);
  io.on("connection", welcome);
  receiveRoomUpdates(io);
  // Messages a room snapshot learned from the database reached none of this process's sockets; they drop copies they hold.
  whenChatRecovered((eventId, messages) => {
    for (const message of messages) io.local.to(ROOMS.viewers(eventId)).emit("chat", message);
  });
  receiveEventUpdates(io);
  preloadRoom();
  dropIdleRooms(io);
  heartbeats.start();
  startPresence(io);
  setIo(io);
  return io;
}

/**
 * The featured event's room is loaded at start, not by the first joiner: a
 * restart's crowd then finds it (and Prisma's engine and pool) ready, also
 * when the database comes back from an outage, and a database that is down
 * at start is known at once. Other events load with their first joiner.
 */
function preloadRoom() {
  findFeaturedEvent()
    .then((event) => event && getSnapshot(event.id))
    .catch((error) => {
      if (databaseFailureOf(noteDatabaseFailure(error))) return;
      console.error("Loading the room failed; the first joiner will try again:", error);
    });
}

/** An event's snapshot is kept while this process has sockets in its room; once nobody is left, the memory is freed. */
function dropIdleRooms(io: RoomServer) {
  const rooms = io.of("/").adapter.rooms;
  const timer = setInterval(() => dropSnapshots((eventId) => (rooms.get(ROOMS.viewers(eventId))?.size ?? 0) > 0), IDLE_ROOM_SWEEP_MS);
  timer.unref();
}

/** Socket.IO's Redis Streams adapter: broadcasts reach every process, and a short Redis outage is ridden out. */
function redisAdapter(url: string) {
  const redis = createAdapterRedis(url);
  // Changes to the room published while Redis was away may be lost: rooms reload from the database.
  let hasBeenReady = false;
  redis.on("ready", () => {
    if (hasBeenReady) {
      markSnapshotsStale();
      catchUpAllRooms();
    }
    hasBeenReady = true;
  });
  const prefix = redisKey("socket.io");
  // This process's own sockets get each broadcast without waiting for Redis (local-first-adapter.ts).
  return deliverLocallyFirst(createAdapter(redis, { streamName: prefix, channelPrefix: prefix, sessionKeyPrefix: `${prefix}:session:` }));
}

// Listeners shared by every socket (`this` is the socket): nothing per-socket but the socket itself.
function refuseUnknownEvent(this: RoomSocket, event: unknown, ...args: unknown[]) {
  const ack = args.at(-1);
  if (!KNOWN_EVENTS.has(String(event)) && typeof ack === "function") ack(refuseUnknownEventName(event));
}

function leaveWatching(this: RoomSocket) {
  removeWatcher(this.data.eventId, this.data.user.id);
  scheduleStatsBroadcast(this.nsp.server, this.data.eventId);
}

/**
 * The event as it is now, for a socket that has just joined its room. The handshake read it before
 * waiting its turn in admission: a Go live or End broadcast meanwhile did not reach this socket, so
 * its `state` must carry the change itself. From memory (lib/events/find-event.ts); archived or
 * unreadable, the handshake's reading stands (an archived event's room is closed anyway).
 */
async function eventAsItIsNow(eventId: number, atHandshake: EventInfo): Promise<EventInfo> {
  const record = await findEventById(eventId).catch(() => null);
  return record && !record.archivedAt ? toEventInfo(record) : atHandshake;
}

function welcome(socket: RoomSocket) {
  const { user, surface, joiner, session, eventId } = socket.data;
  delete socket.data.joiner;
  // Rooms first, then the state: anything broadcast meanwhile arrives after it is joined, and the client replays it on top.
  const rooms = [ROOMS.viewers(eventId), ROOMS.attendee(eventId, user.id), ROOMS.user(user.id)];
  socket.join([...rooms, ...(session.sessionId ? [ROOMS.session(session.sessionId)] : [])]);
  // A staff session lasts 12 hours, also on a dashboard left open: its socket closes then, and the page goes to sign-in.
  if (user.role !== "viewer" && session.expiresAt) {
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, session.expiresAt - Date.now()));
    timer.unref();
    socket.once("disconnect", () => clearTimeout(timer));
  }
  if (isModerator(user.role)) socket.join(ROOMS.moderators(eventId));
  if (user.role === "speaker") socket.join(ROOMS.speakers(eventId));
  for (const { event, listener } of HANDLERS) socket.on(event, listener);
  socket.onAny(refuseUnknownEvent);

  // Reports count the audience: staff checking the stream open no viewing session and are not "watching".
  const isWatcher = surface === "watch" && user.role === "viewer";
  if (isWatcher) {
    addWatcher(eventId, user.id);
    scheduleStatsBroadcast(socket.nsp.server, eventId);
    socket.on("disconnect", leaveWatching);
  }

  eventAsItIsNow(eventId, joiner!.event)
    .then((event) => {
      // Watch time counts while the event is live; before, a viewing session opens with the first heartbeat after it goes live.
      if (isWatcher && isWatchTimeCounted(event)) heartbeats.recordJoin(eventId, user.id);
      return buildRoomState(joiner!, event, socket.handshake.auth);
    })
    .then(
      (state) => socket.emit("state", state as never),
      (error) => {
        console.error("Sending room state failed; the client will reconnect:", error);
        // Closing the transport (not disconnect()) makes socket.io-client reconnect by itself.
        socket.conn.close();
      },
    );
}
