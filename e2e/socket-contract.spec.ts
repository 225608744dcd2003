import { expect, type Browser } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../lib/realtime/contract";
import { query, usersWithEmail } from "./database";
import { createEvent, FEATURED, type EventPlace } from "./events";
import { registerAs, signInAsStaff, test } from "./fixtures";
import { cookieHeader } from "./live-room";
import { saveStaffWithCommand } from "./staff-accounts";
import { runCaptured } from "../scripts/run-command";

// The documented Socket.IO contract, spoken by another client (socket.io-client
// in Node), against the real server and database.
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const HEARTBEAT_SECONDS = 2;
const clients: Client[] = [];

/**
 * The room a test's clients join unless told otherwise: the test's own event
 * (the `event` fixture), so nobody else's chat, questions or votes reach them.
 */
let room: EventPlace = FEATURED;
test.beforeEach(({ event }) => {
  room = event;
});

test.afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** The handshake's `event`: the slug, or none for the featured event. */
const eventAuth = (event: EventPlace) => (event === FEATURED ? {} : { event: event.slug });

function connect(cookie?: string, options: { origin?: string; surface?: string; event?: EventPlace } = {}): Client {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (options.origin) headers.origin = options.origin;
  const client: Client = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: headers, auth: { surface: options.surface ?? "watch", ...eventAuth(options.event ?? room) } });
  clients.push(client);
  return client;
}

function connected(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.connected) return resolve();
    client.once("connect", () => resolve());
    client.once("connect_error", reject);
  });
}

const refusal = (client: Client) => new Promise<string>((resolve) => client.once("connect_error", (error) => resolve(error.message)));

/**
 * A signed-in attendee's cookie and id, registered for the test's event through the real form. With
 * JavaScript off, /watch opens no socket, so the test's own sockets are the
 * only ones this person has (no viewing session starts before the test's).
 */
async function attendee(browser: Browser, label: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const person = await registerAs(page, room, undefined, label);
  const cookie = await cookieHeader(context);
  await context.close();
  const [row] = await query<{ id: number }>("SELECT id FROM users WHERE email = ?", [person.email]);
  return { cookie, id: row.id, name: person.name };
}

async function moderatorCookie(browser: Browser) {
  const context = await browser.newContext();
  await signInAsStaff(await context.newPage(), "moderator");
  const cookie = await cookieHeader(context);
  await context.close();
  return cookie;
}

const emit = <Event extends keyof ClientToServerEvents>(client: Client, event: Event, payload: unknown) =>
  (client.timeout(5_000).emitWithAck as (event: string, payload: unknown) => Promise<Ack<Record<string, unknown>>>)(event, payload);

test("a connection without a valid session is refused with 'unauthorized'", async () => {
  expect(await refusal(connect())).toBe("unauthorized");
  expect(await refusal(connect("podium_session=not-a-real-seal"))).toBe("unauthorized");
  expect(await refusal(connect("podium_session=Fe26.2**forged**value"))).toBe("unauthorized");
});

test("a handshake naming an unknown surface is refused with 'invalid_surface'", async ({ browser }) => {
  const { cookie } = await attendee(browser, "surface");
  expect(await refusal(connect(cookie, { surface: "bogus" }))).toBe("invalid_surface");
  expect(await refusal(connect(cookie, { surface: "" }))).toBe("invalid_surface");
  await connected(connect(cookie, { surface: "speaker" }));
});

test("a browser on another origin cannot open a socket with the visitor's cookie", async ({ browser }) => {
  const { cookie } = await attendee(browser, "origin");
  const foreign = connect(cookie, { origin: "https://evil.example" });
  await expect(connected(foreign)).rejects.toThrow();
  const sameSite = connect(cookie, { origin: baseURL });
  await connected(sameSite);
});

test("on connect the server sends state: recent chat, public questions, my questions and the heartbeat interval", async ({ browser }) => {
  const { cookie, id, name } = await attendee(browser, "state");
  const client = connect(cookie);
  const state = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => client.once("state", resolve));
  expect(state.user).toEqual({ id, name, role: "viewer" });
  expect(state.heartbeatSeconds).toBe(HEARTBEAT_SECONDS);
  expect(state.chat.length).toBeLessThanOrEqual(100);
  expect(state).not.toHaveProperty("pending");
  expect(state.myQuestions).toEqual([]);
});

test("chat: stored, broadcast with the documented shape, and acked with the message", async ({ browser }) => {
  const sender = await attendee(browser, "shape");
  const listener = await attendee(browser, "listener");
  const [a, b] = [connect(sender.cookie), connect(listener.cookie)];
  await Promise.all([connected(a), connected(b)]);
  const heard = new Promise<Parameters<ServerToClientEvents["chat"]>[0]>((resolve) => b.on("chat", (message) => message.userId === sender.id && resolve(message)));
  const ack = await emit(a, "chat", { text: "  <img src=x onerror=alert(1)> hello  " });
  expect(ack).toMatchObject({ ok: true, message: { userId: sender.id, userName: sender.name, text: "<img src=x onerror=alert(1)> hello" } });
  const message = await heard;
  expect(Object.keys(message).sort()).toEqual(["createdAt", "id", "seq", "text", "userId", "userName"]);
  expect(new Date(message.createdAt).toISOString()).toBe(message.createdAt);
  const [row] = await query<{ message: string }>("SELECT message FROM chat_messages WHERE id = ?", [message.id]);
  expect(row.message).toBe("<img src=x onerror=alert(1)> hello");
});

test("malformed, oversized and unknown payloads get error acks, store nothing, and the connection keeps working", async ({ browser }) => {
  const { cookie, id } = await attendee(browser, "malformed");
  const client = connect(cookie);
  await connected(client);
  const bad: [string, unknown, string][] = [
    ["chat", { text: "" }, "invalid"],
    ["chat", { text: "   \n\t " }, "invalid"],
    ["chat", { text: "x".repeat(501) }, "invalid"],
    ["chat", { text: "y".repeat(20_000) }, "invalid"],
    ["chat", { text: 42 }, "invalid"],
    ["chat", { message: "wrong key" }, "invalid"],
    ["chat", { text: "ok", extra: true }, "invalid"],
    ["chat", "just a string", "invalid"],
    ["chat", null, "invalid"],
    ["ask", { text: "" }, "invalid"],
    ["ask", [], "invalid"],
    ["upvote", { id: "1" }, "invalid"],
    ["upvote", { id: -3 }, "invalid"],
    ["upvote", { id: 1.5 }, "invalid"],
    ["upvote", { id: 99_999_999 }, "not_found"],
    ["ping", { extra: 1 }, "invalid"],
    ["teleport", { to: "stage" }, "unknown_event"],
  ];
  for (const [event, payload, code] of bad) {
    const ack = await emit(client, event as keyof ClientToServerEvents, payload);
    expect(ack, `${event} ${JSON.stringify(payload).slice(0, 40)}`).toMatchObject({ ok: false, error: code, message: expect.any(String) });
  }
  const rows = await query<{ count: number }>("SELECT (SELECT COUNT(*) FROM chat_messages WHERE user_id = ?) + (SELECT COUNT(*) FROM questions WHERE user_id = ?) AS count", [id, id]);
  expect(Number(rows[0].count)).toBe(0);
  expect(client.connected).toBe(true);
  expect(await emit(client, "chat", { text: "still here" })).toMatchObject({ ok: true });
});

test("a viewer's moderator events are refused with 'forbidden' and change nothing", async ({ browser }) => {
  const { cookie } = await attendee(browser, "sneaky");
  const author = await attendee(browser, "author");
  const client = connect(cookie);
  const authorClient = connect(author.cookie);
  await Promise.all([connected(client), connected(authorClient)]);
  const asked = await emit(authorClient, "ask", { text: `Pending forever ${Date.now()}` });
  const chatted = await emit(authorClient, "chat", { text: `Keep me ${Date.now()}` });
  const questionId = (asked as unknown as { question: { id: number } }).question.id;
  const messageId = (chatted as unknown as { message: { id: number } }).message.id;

  for (const [event, targetId] of [["approve", questionId], ["reject", questionId], ["answer", questionId], ["hide", messageId]] as const) {
    expect(await emit(client, event, { id: targetId })).toEqual({ ok: false, error: "forbidden", message: expect.any(String) });
  }
  const [question] = await query<{ status: string }>("SELECT status FROM questions WHERE id = ?", [questionId]);
  const [message] = await query<{ is_hidden: number }>("SELECT is_hidden FROM chat_messages WHERE id = ?", [messageId]);
  expect(question.status).toBe("pending");
  expect(Number(message.is_hidden)).toBe(0);
  // A viewer cannot vote on a pending question either.
  expect(await emit(client, "upvote", { id: questionId })).toMatchObject({ ok: false, error: "invalid_state" });
});

test("the moderator lifecycle rules: no-op repeats succeed, impossible moves and unknown ids are errors", async ({ browser }) => {
  const asker = await attendee(browser, "lifecycle");
  const [viewerClient, moderator] = [connect(asker.cookie), connect(await moderatorCookie(browser), { surface: "mod" })];
  await Promise.all([connected(viewerClient), connected(moderator)]);
  const { question } = (await emit(viewerClient, "ask", { text: `Lifecycle ${Date.now()}` })) as unknown as { question: { id: number } };
  expect(await emit(moderator, "answer", { id: question.id })).toMatchObject({ ok: false, error: "invalid_state" });
  expect(await emit(moderator, "approve", { id: question.id })).toMatchObject({ ok: true, question: { status: "approved" } });
  expect(await emit(moderator, "approve", { id: question.id })).toMatchObject({ ok: true, question: { status: "approved" } });
  expect(await emit(moderator, "reject", { id: question.id })).toMatchObject({ ok: false, error: "invalid_state" });
  expect(await emit(moderator, "approve", { id: 2_000_000_000 })).toMatchObject({ ok: false, error: "not_found" });
  expect(await emit(moderator, "hide", { id: 2_000_000_000 })).toMatchObject({ ok: false, error: "not_found" });
});

test("chat floods are rate-limited per person", async ({ browser }) => {
  const { cookie } = await attendee(browser, "flood");
  const client = connect(cookie);
  await connected(client);
  const acks = await Promise.all(Array.from({ length: 12 }, (_, index) => emit(client, "chat", { text: `flood ${index}` })));
  expect(acks.filter((ack) => ack.ok)).toHaveLength(8);
  expect(acks.filter((ack) => !ack.ok).map((ack) => (ack as { error: string }).error)).toEqual(Array(4).fill("rate_limited"));
});

async function sessionRows(userId: number) {
  return query<{ total_minutes: number; start_time: Date; last_ping: Date }>("SELECT total_minutes, start_time, last_ping FROM session_analytics WHERE user_id = ?", [userId]);
}

const waitOneInterval = () => new Promise((resolve) => setTimeout(resolve, HEARTBEAT_SECONDS * 1000 + 200));

test("a ping flood credits at most one minute per interval and is cut off by the rate limit", async ({ browser }) => {
  const { cookie, id } = await attendee(browser, "pinger");
  const client = connect(cookie);
  await connected(client);
  const first = await emit(client, "ping", {});
  expect(first).toEqual({ ok: true, totalMinutes: 0, isCredited: false });

  await waitOneInterval();
  const flood = await Promise.all(Array.from({ length: 50 }, () => emit(client, "ping", {})));
  const answered = flood.filter((ack) => ack.ok);
  expect(answered.filter((ack) => ack.isCredited)).toHaveLength(1);
  expect(answered.every((ack) => ack.totalMinutes === 1)).toBe(true);
  expect(flood.filter((ack) => !ack.ok).every((ack) => (ack as { error: string }).error === "rate_limited")).toBe(true);
  expect(flood.filter((ack) => !ack.ok).length).toBeGreaterThanOrEqual(40);

  const rows = await sessionRows(id);
  expect(rows).toHaveLength(1);
  expect(Number(rows[0].total_minutes)).toBe(1);
});

test("only the event page's sockets send heartbeats", async ({ browser }) => {
  const { cookie, id } = await attendee(browser, "wrong-surface");
  const client = connect(cookie, { surface: "mod" });
  await connected(client);
  expect(await emit(client, "ping", {})).toMatchObject({ ok: false, error: "forbidden" });
  expect(await sessionRows(id)).toEqual([]);
});

test("two tabs and a reconnect credit one minute per interval, in one viewing session", async ({ browser }) => {
  const { cookie, id } = await attendee(browser, "two-tabs");
  const tabs = [connect(cookie), connect(cookie)];
  await Promise.all(tabs.map(connected));
  for (let interval = 1; interval <= 3; interval++) {
    await waitOneInterval();
    const acks = await Promise.all(tabs.map((tab) => emit(tab, "ping", {})));
    expect(acks.filter((ack) => ack.ok && ack.isCredited), `interval ${interval}`).toHaveLength(1);
    if (interval === 2) {
      // A reconnect in the middle resumes the same session instead of opening a new one.
      tabs[1].close();
      tabs[1] = connect(cookie);
      await connected(tabs[1]);
    }
  }
  const rows = await sessionRows(id);
  expect(rows).toHaveLength(1);
  expect(Number(rows[0].total_minutes)).toBe(3);
  expect(rows[0].last_ping.getTime()).toBeGreaterThan(rows[0].start_time.getTime());
});

test("pending and rejected questions reach only the moderators and the asker; approved ones reach everyone", async ({ browser }) => {
  const asker = await attendee(browser, "private-asker");
  const bystander = await attendee(browser, "bystander");
  const askerClient = connect(asker.cookie);
  const bystanderClient = connect(bystander.cookie);
  const moderator = connect(await moderatorCookie(browser), { surface: "mod" });
  await Promise.all([askerClient, bystanderClient, moderator].map(connected));
  const seen = { asker: [] as string[], bystander: [] as string[], moderator: [] as string[] };
  askerClient.on("question", (question) => seen.asker.push(`${question.id}:${question.status}`));
  bystanderClient.on("question", (question) => seen.bystander.push(`${question.id}:${question.status}`));
  moderator.on("question", (question) => seen.moderator.push(`${question.id}:${question.status}`));

  const rejected = ((await emit(askerClient, "ask", { text: `Reject me ${Date.now()}` })) as unknown as { question: { id: number } }).question.id;
  const approved = ((await emit(askerClient, "ask", { text: `Approve me ${Date.now()}` })) as unknown as { question: { id: number } }).question.id;
  await emit(moderator, "reject", { id: rejected });
  await emit(moderator, "approve", { id: approved });
  // The approval broadcast reaches the bystander last of all: once it is there, everything earlier has been delivered too.
  await expect.poll(() => seen.bystander).toContain(`${approved}:approved`);

  expect(seen.moderator).toEqual(expect.arrayContaining([`${rejected}:pending`, `${approved}:pending`, `${rejected}:rejected`, `${approved}:approved`]));
  expect(seen.asker).toEqual(expect.arrayContaining([`${rejected}:pending`, `${rejected}:rejected`, `${approved}:approved`]));
  expect(seen.bystander).toEqual([`${approved}:approved`]);
});

test("an emit with only a callback still gets its one ack", async ({ browser }) => {
  const { cookie } = await attendee(browser, "callback-only");
  const client = connect(cookie);
  await connected(client);
  const pingAck = await new Promise((resolve) => (client.emit as (event: string, callback: (ack: unknown) => void) => void)("ping", resolve));
  expect(pingAck).toMatchObject({ ok: true, totalMinutes: 0 });
  const chatAck = await new Promise((resolve) => (client.emit as (event: string, callback: (ack: unknown) => void) => void)("chat", resolve));
  expect(chatAck).toMatchObject({ ok: false, error: "invalid" });
});

test("a 200 kB message gets an error ack and the connection keeps working", async ({ browser }) => {
  const { cookie } = await attendee(browser, "oversized");
  const client = connect(cookie);
  await connected(client);
  expect(await emit(client, "chat", { text: "z".repeat(200_000) })).toMatchObject({ ok: false, error: "invalid" });
  expect(client.connected).toBe(true);
  expect(await emit(client, "chat", { text: "after the big one" })).toMatchObject({ ok: true });
});

test("refused moderator events broadcast nothing to anyone", async ({ browser }) => {
  const sneaky = await attendee(browser, "no-broadcast");
  const author = await attendee(browser, "no-broadcast-author");
  const [client, authorClient, listener] = [connect(sneaky.cookie), connect(author.cookie), connect(await moderatorCookie(browser), { surface: "mod" })];
  await Promise.all([client, authorClient, listener].map(connected));
  const { question } = (await emit(authorClient, "ask", { text: `Quiet ${Date.now()}` })) as unknown as { question: { id: number } };
  const { message } = (await emit(authorClient, "chat", { text: `Quiet chat ${Date.now()}` })) as unknown as { message: { id: number } };
  const heard: string[] = [];
  listener.on("question", (event) => heard.push(`question ${event.id} ${event.status}`));
  listener.on("chat:hidden", (event) => heard.push(`hidden ${event.id}`));
  for (const event of ["approve", "reject", "answer"] as const) expect(await emit(client, event, { id: question.id })).toMatchObject({ error: "forbidden" });
  expect(await emit(client, "hide", { id: message.id })).toMatchObject({ error: "forbidden" });
  // A marker broadcast after the refusals: once it arrives, anything they had sent would have arrived too.
  const marker = `marker ${Date.now()}`;
  const markerHeard = new Promise<void>((resolve) => listener.on("chat", (event) => event.text === marker && resolve()));
  await emit(authorClient, "chat", { text: marker });
  await markerHeard;
  expect(heard).toEqual([]);
});

test("a write that fails gives the sender an error ack and broadcasts nothing", async ({ browser }) => {
  const doomed = await attendee(browser, "doomed");
  const listener = await attendee(browser, "witness");
  const [client, witness] = [connect(doomed.cookie), connect(listener.cookie)];
  await Promise.all([client, witness].map(connected));
  const heard: string[] = [];
  witness.on("chat", (event) => heard.push(event.text));
  // The account disappears while its socket is open: the insert breaks the foreign key.
  await query("DELETE FROM users WHERE id = ?", [doomed.id]);
  expect(await emit(client, "chat", { text: "into the void" })).toMatchObject({ ok: false, error: "server_error" });
  expect(await emit(witness, "chat", { text: "still alive" })).toMatchObject({ ok: true });
  await expect.poll(() => heard).toContain("still alive");
  expect(heard).not.toContain("into the void");
});

test("state carries the person's questions, votes and the public list; moderators also get the queue", async ({ browser }) => {
  const person = await attendee(browser, "stateful");
  const moderatorCookieHeader = await moderatorCookie(browser);
  const [client, moderator] = [connect(person.cookie), connect(moderatorCookieHeader, { surface: "mod" })];
  await Promise.all([client, moderator].map(connected));
  const pending = ((await emit(client, "ask", { text: `Still pending ${Date.now()}` })) as unknown as { question: { id: number } }).question.id;
  const approved = ((await emit(client, "ask", { text: `Approved and voted ${Date.now()}` })) as unknown as { question: { id: number } }).question.id;
  await emit(moderator, "approve", { id: approved });
  await emit(client, "upvote", { id: approved });

  const again = connect(person.cookie);
  const state = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => again.once("state", resolve));
  expect(state.myQuestions.map((question) => [question.id, question.status])).toEqual([[pending, "pending"], [approved, "approved"]]);
  expect(state.myVotes).toContain(approved);
  expect(state.questions.find((question) => question.id === approved)).toMatchObject({ status: "approved", votes: 1 });
  expect(state.questions.find((question) => question.id === pending)).toBeUndefined();
  expect(state).not.toHaveProperty("pending");

  const moderatorAgain = connect(moderatorCookieHeader, { surface: "mod" });
  const moderatorState = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => moderatorAgain.once("state", resolve));
  expect(moderatorState.pending?.map((question) => question.id)).toContain(pending);
  expect(moderatorState.stats).toMatchObject({ pendingQuestions: expect.any(Number), viewersConnected: expect.any(Number) });
});

test("a reconnect with lastChatId resyncs what was missed (from a little before it), and lists what was hidden meanwhile", async ({ browser }) => {
  const person = await attendee(browser, "resync");
  const client = connect(person.cookie);
  await connected(client);
  const first = ((await emit(client, "chat", { text: `resync one ${Date.now()}` })) as unknown as { message: { id: number } }).message.id;
  const since = new Date().toISOString();
  const moderator = connect(await moderatorCookie(browser), { surface: "mod" });
  await connected(moderator);
  await emit(moderator, "hide", { id: first });
  const later = ((await emit(client, "chat", { text: `resync two ${Date.now()}` })) as unknown as { message: { id: number } }).message.id;

  const resumed: Client = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: person.cookie }, auth: { surface: "watch", ...eventAuth(room), lastChatId: first, since } });
  clients.push(resumed);
  const state = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => resumed.once("state", resolve));
  // From a little before `first` (messages of the 2 s before it are resent), with every visible message after that.
  expect(state.chatAfter).toBeLessThanOrEqual(first);
  expect(state.chat.map((message) => message.id)).toContain(later);
  expect(state.chat.map((message) => message.id)).not.toContain(first);
  expect(state.chat.every((message) => message.id > state.chatAfter!)).toBe(true);
  expect(state.hiddenChatIds).toContain(first);
});

test("messages carry seq 1, 2, 3… per event; a reconnect with chatSeq resyncs exactly, and chat:since answers what a gap lacks", async ({ browser }) => {
  const person = await attendee(browser, "seq");
  const client = connect(person.cookie);
  const fresh = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => client.once("state", resolve));
  const sent: { id: number; seq: number }[] = [];
  for (const label of ["one", "two", "three"]) sent.push(((await emit(client, "chat", { text: `seq ${label} ${Date.now()}` })) as unknown as { message: { id: number; seq: number } }).message);
  // Consecutive in this event (this spec's own event: nobody else writes in it), above what the first state vouched for.
  expect(sent.map((message) => message.seq)).toEqual([fresh.chatSeq + 1, fresh.chatSeq + 2, fresh.chatSeq + 3]);
  const since = new Date().toISOString();
  const moderator = connect(await moderatorCookie(browser), { surface: "mod" });
  await connected(moderator);
  await emit(moderator, "hide", { id: sent[1].id });

  // Holding everything up to the first: the resync sends the third (the second was hidden) and vouches up to it.
  const resumed: Client = io(baseURL, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie: person.cookie }, auth: { surface: "watch", ...eventAuth(room), chatSeq: sent[0].seq, since } });
  clients.push(resumed);
  const state = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => resumed.once("state", resolve));
  expect(state).toMatchObject({ chatAfterSeq: sent[0].seq, chatSeq: sent[2].seq });
  expect(state.chat.map((message) => message.id)).toEqual([sent[2].id]);
  expect(state.hiddenChatIds).toContain(sent[1].id);

  // A client that saw the third but not the second asks for what follows the first.
  const range = (await emit(resumed, "chat:since", { seq: sent[0].seq })) as unknown as { ok: boolean; chat: { id: number }[]; chatSeq: number };
  expect(range).toMatchObject({ ok: true, chatSeq: sent[2].seq });
  expect(range.chat.map((message) => message.id)).toEqual([sent[2].id]);
});

test("a chat retried with the same clientId is stored and broadcast once", async ({ browser }) => {
  const person = await attendee(browser, "retry");
  const [client, listener] = [connect(person.cookie), connect((await attendee(browser, "retry-listener")).cookie)];
  await Promise.all([client, listener].map(connected));
  const heard: number[] = [];
  listener.on("chat", (event) => event.userId === person.id && heard.push(event.id));
  const clientId = `retry-${Date.now()}`;
  const [one, two] = await Promise.all([emit(client, "chat", { text: "only once", clientId }), emit(client, "chat", { text: "only once", clientId })]);
  expect(one).toMatchObject({ ok: true });
  expect((two as unknown as { message: { id: number } }).message.id).toBe((one as unknown as { message: { id: number } }).message.id);
  const rows = await query<{ count: number }>("SELECT COUNT(*) AS count FROM chat_messages WHERE user_id = ?", [person.id]);
  expect(Number(rows[0].count)).toBe(1);
  await emit(client, "chat", { text: "flush" });
  await expect.poll(() => heard.length).toBe(2);
});

test("a moderator whose password changes loses moderation at once, on the open socket", async ({ browser }) => {
  const account = { email: `demoted-${Date.now()}@podium.test`, name: "Soon Demoted", role: "moderator", password: "first-password-1" };
  await saveStaffWithCommand(account);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/staff");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mod$/);
  const moderator = connect(await cookieHeader(context), { surface: "mod" });
  await context.close();
  const asker = connect((await attendee(browser, "demotion-asker")).cookie);
  await Promise.all([moderator, asker].map(connected));
  const first = ((await emit(asker, "ask", { text: `Before ${Date.now()}` })) as unknown as { question: { id: number } }).question.id;
  expect(await emit(moderator, "approve", { id: first })).toMatchObject({ ok: true });

  await saveStaffWithCommand({ ...account, password: "second-password-2" });
  const second = ((await emit(asker, "ask", { text: `After ${Date.now()}` })) as unknown as { question: { id: number } }).question.id;
  expect(await emit(moderator, "approve", { id: second })).toMatchObject({ ok: false, error: "forbidden" });
  const [row] = await query<{ status: string }>("SELECT status FROM questions WHERE id = ?", [second]);
  expect(row.status).toBe("pending");
});

test("staff on the event page are not counted: no viewing session, heartbeats refused", async ({ browser }) => {
  const cookie = await moderatorCookie(browser);
  const client = connect(cookie, { surface: "watch" });
  await connected(client);
  const state = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => (client.connected ? connect(cookie).once("state", resolve) : client.once("state", resolve)));
  expect(await emit(client, "ping", {})).toMatchObject({ ok: false, error: "forbidden" });
  expect(await sessionRows(state.user.id)).toEqual([]);
});

test("a vote tells the voter's other tabs too, and no one else", async ({ browser }) => {
  const voter = await attendee(browser, "two-tab-voter");
  const other = await attendee(browser, "other-voter");
  const [tab, otherTab, stranger, moderator] = [connect(voter.cookie), connect(voter.cookie), connect(other.cookie), connect(await moderatorCookie(browser), { surface: "mod" })];
  await Promise.all([tab, otherTab, stranger, moderator].map(connected));
  const { question } = (await emit(stranger, "ask", { text: `Vote on me ${Date.now()}` })) as unknown as { question: { id: number } };
  await emit(moderator, "approve", { id: question.id });
  const otherTabHeard = new Promise<{ id: number; hasVoted: boolean }>((resolve) => otherTab.once("vote", resolve));
  const strangerHeard: unknown[] = [];
  stranger.on("vote", (event) => strangerHeard.push(event));
  expect(await emit(tab, "upvote", { id: question.id })).toMatchObject({ ok: true, hasVoted: true });
  expect(await otherTabHeard).toEqual({ id: question.id, hasVoted: true });
  // The stranger's own later vote reaches them; the voter's earlier one never did.
  await emit(stranger, "upvote", { id: question.id });
  await expect.poll(() => strangerHeard).toEqual([{ id: question.id, hasVoted: true }]);
});

/** `npm run --silent session-cookie -- …`, as docs/realtime-contract.md tells another client to get its cookie. */
async function sessionCookieCommand(args: string[], stdin = "") {
  const result = await runCaptured("tsx", ["scripts/session-cookie.ts", "--url", baseURL, ...args], { input: stdin });
  return { ...result, stdout: result.stdout.trim() };
}

// In the featured event on purpose: `npm run session-cookie` registers a script for the featured event, as
// docs/realtime-contract.md tells another client, and a handshake without `event` joins it.
test("a script gets its session cookie with `npm run session-cookie` and speaks the contract with it", async () => {
  const email = `script-${Date.now()}@example.com`;
  const attendee = await sessionCookieCommand(["--name", "Script Client", "--email", email, "--phone", "+1 555 010 7777"]);
  expect(attendee.code).toBe(0);
  expect(attendee.stdout).toMatch(/^podium_session=[^;\s]+$/);
  const viewer = connect(attendee.stdout, { event: FEATURED });
  const state = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => viewer.once("state", resolve));
  expect(state.user).toMatchObject({ name: "Script Client", role: "viewer" });
  const ack = await emit(viewer, "chat", { text: "Hello from a script" });
  expect(ack).toMatchObject({ ok: true, message: { userName: "Script Client", text: "Hello from a script" } });
  expect(await emit(viewer, "approve", { id: 1 })).toMatchObject({ ok: false, error: "forbidden" });

  // `--event <slug>` registers for that event instead, and the cookie joins its room.
  const other = await createEvent("script-event");
  const registered = await sessionCookieCommand(["--event", other.slug, "--name", "Script Client", "--email", `script-event-${Date.now()}@example.com`, "--phone", "+1 555 010 7778"]);
  expect(registered.code).toBe(0);
  const inOther = connect(registered.stdout, { event: other });
  const otherState = await new Promise<Parameters<ServerToClientEvents["state"]>[0]>((resolve) => inOther.once("state", resolve));
  expect(otherState.event).toMatchObject({ slug: other.slug });
  expect(await emit(inOther, "chat", { text: "Hello from a script in another event" })).toMatchObject({ ok: true });

  // Staff: the password comes on stdin, and the role comes with it.
  const account = { email: `script-mod-${Date.now()}@podium.test`, name: "Script Moderator", role: "moderator", password: "script-mod-pass-1" };
  await saveStaffWithCommand(account);
  const staff = await sessionCookieCommand(["--staff", "--email", account.email], `${account.password}\n`);
  expect(staff.code).toBe(0);
  const moderator = connect(staff.stdout, { surface: "mod", event: FEATURED });
  await connected(moderator);
  expect(await emit(moderator, "approve", { id: 987_654_321 })).toMatchObject({ ok: false, error: "not_found" });

  // A refusal says why, sets nothing and exits 1.
  const refused = await sessionCookieCommand(["--staff", "--email", account.email], "not-the-password\n");
  expect(refused).toMatchObject({ code: 1, stdout: "" });
  expect(refused.stderr).toContain("That email and password don't match a staff account.");
  const invalid = await sessionCookieCommand(["--name", "", "--email", "not-an-email", "--phone", "12"]);
  expect(invalid).toMatchObject({ code: 1, stdout: "" });
  expect(invalid.stderr).toContain("Enter your name.");
  expect(await usersWithEmail("not-an-email")).toHaveLength(0);
});
