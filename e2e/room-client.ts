import { randomBytes } from "node:crypto";
import { sealData } from "iron-session";
import { io, type Socket } from "socket.io-client";
import { env } from "../lib/env";
import type { Ack, ClientToServerEvents, RoomState, ServerToClientEvents } from "../lib/realtime/contract";
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "../lib/session-options";
import { passwordStamp } from "../lib/users/password-stamp";
import { query } from "./database";
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

/** Posts these messages in order through the server, by as many attendees as the chat rate limit needs. */
export async function postChatThroughServer(texts: string[]) {
  for (let start = 0; start < texts.length; start += CHATS_PER_PERSON) {
    const tag = randomBytes(4).toString("hex");
    const [row] = await query<{ id: number }>("INSERT INTO users (name, email, phone) VALUES (?, ?, '5550100') RETURNING id", [`Chatter ${tag}`, `chatter-${tag}@example.com`]);
    await query("INSERT INTO registrations (event_id, user_id) SELECT id, ? FROM events WHERE is_featured = true", [row.id]);
    const { client } = await connect(await cookieFor({ userId: row.id }));
    try {
      for (const text of texts.slice(start, start + CHATS_PER_PERSON)) await emit(client, "chat", { text });
    } finally {
      client.close();
    }
  }
}

/** A moderator's moves on every question in a state, through the server: "reject" the pending ones or "answer" the approved ones. */
export async function moderateAll(move: "reject" | "answer") {
  const account = E2E_STAFF.moderator;
  const [row] = await query<{ id: number; password_hash: string }>("SELECT id, password_hash FROM users WHERE email = ?", [account.email]);
  const { client, state } = await connect(await cookieFor({ userId: row.id, isStaffSignIn: true, passwordStamp: passwordStamp(row.password_hash) }), "mod");
  try {
    const ids = move === "reject" ? state.pending!.map((question) => question.id) : state.questions.filter((question) => question.status === "approved").map((question) => question.id);
    for (const id of ids) await emit(client, move, { id });
  } finally {
    client.close();
  }
}
