import { sealData } from "iron-session";
import { io, type Socket } from "socket.io-client";
import { env } from "../lib/env";
import type { Ack, ClientToServerEvents, RoomState, ServerToClientEvents } from "../lib/realtime/contract";
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "../lib/session-options";
import { passwordStamp } from "../lib/users/password-stamp";
import { query } from "./database";
import { createAttendee, type TestEvent } from "./events";
import { E2E_STAFF } from "./staff-accounts";

// Changes made the way the product makes them: through the server's live
// room, so every server process's room snapshot hears of them. (Writing the
// database behind the server's back would leave its snapshot, which is kept
// current by its own broadcasts, out of date, as it would be in real life.)
export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const CHATS_PER_PERSON = 8;

/** A cookie for a user row, sealed with the end-to-end server's own secret (.data/session-secret), as the sign-in pages seal it. */
export async function cookieFor(session: { userId: number; isStaffSignIn?: boolean; passwordStamp?: string }) {
  return `${SESSION_COOKIE}=${await sealData(session, { password: env.SESSION_SECRET, ttl: SESSION_TTL_SECONDS })}`;
}

/** A cookie of one of the run's staff accounts, as signing in at /staff makes it. */
export async function staffCookie(role: "moderator" | "speaker" | "admin") {
  const [row] = await query<{ id: number; password_hash: string }>("SELECT id, password_hash FROM users WHERE email = ?", [E2E_STAFF[role].email]);
  return cookieFor({ userId: row.id, isStaffSignIn: true, passwordStamp: passwordStamp(row.password_hash) });
}

/** A client in an event's room (`event`: its slug; none: the featured event), resolved with its first `state`. */
export async function connect(cookie: string, surface = "watch", event?: string): Promise<{ client: Client; state: RoomState }> {
  const client: Client = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie }, auth: { surface, ...(event ? { event } : {}) } });
  const state = await new Promise<RoomState>((resolve, reject) => {
    client.once("state", resolve);
    client.once("connect_error", reject);
  });
  return { client, state };
}

async function emit(client: Client, event: keyof ClientToServerEvents, payload: unknown) {
  const ack = await (client.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<Ack<Record<string, unknown>>>)(event, payload);
  if (!ack.ok) throw new Error(`${event} refused: ${ack.error} ${ack.message}`);
}

/** Posts these messages in order in the event's room, through the server, by as many of its attendees as the chat rate limit needs. */
export async function postChatThroughServer(event: TestEvent, texts: string[]) {
  for (let start = 0; start < texts.length; start += CHATS_PER_PERSON) {
    const chatter = await createAttendee([event], "Chatter");
    const { client } = await connect(await cookieFor({ userId: chatter.id }), "watch", event.slug);
    try {
      for (const text of texts.slice(start, start + CHATS_PER_PERSON)) await emit(client, "chat", { text });
    } finally {
      client.close();
    }
  }
}
