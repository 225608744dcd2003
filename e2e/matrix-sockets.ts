import { randomBytes } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { AREAS } from "../lib/access";
import type { ClientToServerEvents, Role, RoomState, ServerToClientEvents } from "../lib/realtime/contract";
import { query } from "./database";
import { baseURL } from "./plain-http";

// The authorization matrix's socket side: connections with a session cookie,
// acks in SECURITY.md's words, and one check per client event, each acting
// on a real target so that "yes" means the change happened and "forbidden"
// means it did not.

const tag = randomBytes(4).toString("hex");

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Connection = { client: Client; state: RoomState } | { refusal: string };
type AckReply = { ok: boolean; error?: string } & Record<string, unknown>;
const clients: Client[] = [];

/** Closes every socket this module opened. */
export function closeSockets() {
  for (const client of clients.splice(0)) client.close();
}

/** A socket in the featured event's room, or (`event`: a slug) in another's. */
export function connect(cookie: string | undefined, surface: string, event?: string): Promise<Connection> {
  const client: Client = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: cookie ? { cookie } : {}, auth: { surface, ...(event ? { event } : {}) } });
  clients.push(client);
  return new Promise((resolve) => {
    client.once("state", (state) => resolve({ client, state }));
    client.once("connect_error", (error) => resolve({ refusal: error.message }));
  });
}

export const emit = (client: Client, event: string, payload: unknown): Promise<AckReply> =>
  (client.timeout(10_000).emitWithAck as (event: string, payload: unknown) => Promise<AckReply>)(event, payload).catch(() => ({ ok: false, error: "no ack within 10 s" }));

export const describeAck = (ack: AckReply) => (ack.ok ? "yes" : ack.error === "forbidden" || ack.error === "not_found" ? ack.error : `ack ${ack.error}`);

/** The moderators' extras in `state` follow the role (lib/access.ts), never the surface. */
export function describeConnection(connection: Connection, role: Role): string {
  if ("refusal" in connection) return connection.refusal;
  const { user } = connection.state;
  const problems = user.role === role ? [] : [`as ${user.role}`];
  const isModerator = (AREAS["/mod"].roles as readonly string[]).includes(role);
  if (("pending" in connection.state) !== isModerator) problems.push(isModerator ? "without the queue" : "with the moderators' queue");
  return problems.length ? `yes (${problems.join(", ")})` : "yes";
}

export type RoleSockets = Record<string, Client>;

/**
 * Real targets, made just before each check: a pending question to approve or
 * reject, an approved one to answer or vote on, a message to hide. So an
 * allowed move is acknowledged ok, and a refused one can be seen to change
 * nothing. Asked and posted by attendees of their own (asking is limited to 5
 * a minute each), approved by the moderator.
 */
export type Targets = { question: (label: string) => Promise<number>; approvedQuestion: (label: string) => Promise<number>; message: (label: string) => Promise<number>; votable: () => Promise<number> };

export async function makeTargets(moderator: Client | undefined, registerAttendee: (label: string) => Promise<string | null>): Promise<Targets> {
  const askers = await Promise.all(
    [1, 2, 3, 4].map(async (n) => {
      const cookie = await registerAttendee(`asker-${n}`);
      const connection = cookie ? await connect(cookie, "watch") : { refusal: "registering failed" };
      if ("refusal" in connection) throw new Error(`An asker could not join: ${connection.refusal}`);
      return connection.client;
    }),
  );
  let turn = 0;
  const idOf = (ack: AckReply, what: string, key: "question" | "message") => {
    if (!ack.ok) throw new Error(`${what} was refused (${ack.error})`);
    return (ack[key] as { id: number }).id;
  };
  const question = async (label: string) => idOf(await emit(askers[turn++ % askers.length], "ask", { text: `Matrix target: ${label} ${tag}` }), "an attendee's question", "question");
  const approvedQuestion = async (label: string) => {
    const id = await question(label);
    if (!moderator) throw new Error("the moderator, who approves target questions, has no socket");
    idOf(await emit(moderator, "approve", { id }), "the moderator's approval", "question");
    return id;
  };
  const message = async (label: string) => idOf(await emit(askers[turn++ % askers.length], "chat", { text: `Matrix target: ${label} ${tag}` }), "an attendee's message", "message");
  let votable: Promise<number> | undefined;
  return { question, approvedQuestion, message, votable: () => (votable ??= approvedQuestion("vote")) };
}

async function moveQuestion(client: Client, event: "approve" | "reject" | "answer", id: number, after: string, before: string): Promise<string> {
  const verdict = describeAck(await emit(client, event, { id }));
  const [{ status }] = await query<{ status: string }>("SELECT status FROM questions WHERE id = ?", [id]);
  return status === (verdict === "yes" ? after : before) ? verdict : `${verdict} (the question is now ${status})`;
}

export const EVENT_CHECKS: Record<string, (sockets: RoleSockets, role: Role, targets: Targets) => Promise<string>> = {
  chat: async ({ watch }, role) => describeAck(await emit(watch, "chat", { text: `Matrix chat from the ${role} ${tag}` })),
  ask: async ({ watch }, role) => describeAck(await emit(watch, "ask", { text: `Matrix question from the ${role} ${tag}` })),
  upvote: async ({ watch }, _role, targets) => {
    const ack = await emit(watch, "upvote", { id: await targets.votable() });
    return ack.ok && ack.hasVoted !== true ? "yes (but no vote counted)" : describeAck(ack);
  },
  "ping from watch": async ({ watch }) => describeAck(await emit(watch, "ping", {})),
  "ping from mod+speaker": async ({ mod, speaker }) => {
    const [fromMod, fromSpeaker] = (await Promise.all([emit(mod, "ping", {}), emit(speaker, "ping", {})])).map(describeAck);
    return fromMod === fromSpeaker ? fromMod : `mod: ${fromMod}, speaker: ${fromSpeaker}`;
  },
  approve: async ({ watch }, role, targets) => moveQuestion(watch, "approve", await targets.question(`approve as ${role}`), "approved", "pending"),
  reject: async ({ watch }, role, targets) => moveQuestion(watch, "reject", await targets.question(`reject as ${role}`), "rejected", "pending"),
  answer: async ({ watch }, role, targets) => moveQuestion(watch, "answer", await targets.approvedQuestion(`answer as ${role}`), "answered", "approved"),
  // Everything after seq 0: acked with a range of this event's chat (it holds the targets posted above).
  "chat:since": async ({ watch }) => {
    const ack = await emit(watch, "chat:since", { seq: 0 });
    return ack.ok && !Array.isArray(ack.chat) ? "yes (but no chat in the answer)" : describeAck(ack);
  },
  hide: async ({ watch }, role, targets) => {
    const id = await targets.message(`for the ${role} to hide`);
    const verdict = describeAck(await emit(watch, "hide", { id }));
    const [{ is_hidden: isHidden }] = await query<{ is_hidden: number }>("SELECT is_hidden FROM chat_messages WHERE id = ?", [id]);
    return Boolean(Number(isHidden)) === (verdict === "yes") ? verdict : `${verdict} (the message is ${Number(isHidden) ? "hidden" : "still shown"})`;
  },
};

/**
 * Another event's items, stored straight in the database: a pending question,
 * an approved one and a message, by an attendee of that event. A socket of the
 * featured event naming their ids must get not_found and change none of them.
 */
export async function otherEventTargets() {
  const slug = `matrix-other-${tag}`;
  const [event] = await query<{ id: number }>("INSERT INTO events (slug, title, starts_at, state) VALUES (?, 'Another event', NOW(3), 'live') RETURNING id", [slug]);
  const [author] = await query<{ id: number }>("INSERT INTO users (name, email, phone) VALUES (?, ?, '5550100') RETURNING id", [`Other ${tag}`, `matrix-other-${tag}@example.com`]);
  const question = async (status: string) =>
    (await query<{ id: number }>("INSERT INTO questions (event_id, user_id, user_name, question_text, status) VALUES (?, ?, 'Other', 'Another event question', ?) RETURNING id", [event.id, author.id, status]))[0].id;
  const [message] = await query<{ id: number }>("INSERT INTO chat_messages (event_id, user_id, user_name, message) VALUES (?, ?, 'Other', 'Another event message') RETURNING id", [event.id, author.id]);
  return { slug, pending: await question("pending"), approved: await question("approved"), message: message.id };
}
export type OtherEventTargets = Awaited<ReturnType<typeof otherEventTargets>>;

/** An action on another event's item, judged by its ack and by the item being unchanged. */
async function actOnOtherEvent(client: Client, event: string, id: number, table: "questions" | "chat_messages"): Promise<string> {
  const read = () => query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = ?`, [id]);
  const before = JSON.stringify(await read());
  const verdict = describeAck(await emit(client, event, { id }));
  return JSON.stringify(await read()) === before ? verdict : `${verdict} (the item changed)`;
}

export const OTHER_EVENT_CHECKS: Record<string, (sockets: RoleSockets, other: OtherEventTargets) => Promise<string>> = {
  approve: ({ watch }, other) => actOnOtherEvent(watch, "approve", other.pending, "questions"),
  reject: ({ watch }, other) => actOnOtherEvent(watch, "reject", other.pending, "questions"),
  answer: ({ watch }, other) => actOnOtherEvent(watch, "answer", other.approved, "questions"),
  hide: ({ watch }, other) => actOnOtherEvent(watch, "hide", other.message, "chat_messages"),
  upvote: ({ watch }, other) => actOnOtherEvent(watch, "upvote", other.approved, "questions"),
  // No id to name: the range is always of the socket's own event, so the other event's message must not be in it.
  "chat:since": async ({ watch }, other) => {
    const ack = await emit(watch, "chat:since", { seq: 0 });
    const ids = ((ack.chat ?? []) as { id: number }[]).map((message) => message.id);
    return ids.includes(other.message) ? `${describeAck(ack)} (with the other event's message)` : describeAck(ack);
  },
};
