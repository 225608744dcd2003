import type { ChildProcess } from "../scripts/child-process.mjs";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { sealData } from "iron-session";
import { Redis } from "ioredis";
import mariadb from "mariadb";
import { io, type Socket } from "socket.io-client";
import { dropDatabase } from "../lib/database-admin";
import { parseDatabaseUrl, withDatabase } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import type { Ack, ClientToServerEvents, RoomState, RoomStats, ServerToClientEvents } from "../lib/realtime/contract";
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "../lib/session-options";
import { passwordStamp } from "../lib/users/password-stamp";
import { freePort } from "../scripts/free-port";
import { askToStop, startServer, stopServer } from "../scripts/server-process";

// Two server.ts processes on two ports, sharing one database and one Redis
// (127.0.0.1:6379; .ci/run starts it when it does not answer), as they would
// behind a load balancer. A database and a Redis key prefix of their own keep
// them apart from the other specs' server.
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const REDIS_URL = "redis://127.0.0.1:6379";
const HEARTBEAT_SECONDS = 2;
const secret = randomBytes(32).toString("hex");
const prefix = `podium-e2e-${randomBytes(4).toString("hex")}:`;
const databaseUrl = withDatabase(process.env.E2E_DATABASE_URL!, `podium_two_${Date.now()}`);
const servers: { process: ChildProcess; url: string }[] = [];
const clients: Client[] = [];

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

async function sql<Row>(statement: string, values: unknown[] = []): Promise<Row[]> {
  const connection = await mariadb.createConnection(parseDatabaseUrl(databaseUrl));
  try {
    return await connection.query(statement, values);
  } finally {
    await connection.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await applyMigrations(databaseUrl);
  for (let index = 0; index < 2; index++) {
    const port = await freePort();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL, REDIS_KEY_PREFIX: prefix, SESSION_SECRET: secret, HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) };
    servers.push({ process: await startServer(port, env), url: `http://127.0.0.1:${port}` });
  }
});

test.afterAll(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.map((server) => stopServer(server.process)));
  await dropDatabase(databaseUrl);
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

/** A person, stored as registration stores them, with the cookie both processes accept (sealed with their shared secret). */
async function person(role: "viewer" | "moderator" | "speaker" = "viewer") {
  const tag = randomBytes(4).toString("hex");
  const hash = role === "viewer" ? null : `scrypt$${tag}`;
  const [row] = await sql<{ id: number }>("INSERT INTO users (name, email, phone, role, password_hash) VALUES (?, ?, '5550100', ?, ?) RETURNING id", [`Two ${tag}`, `two-${tag}@example.com`, role, hash]);
  if (role === "viewer") await sql("INSERT INTO registrations (event_id, user_id) SELECT id, ? FROM events WHERE is_featured = true", [row.id]);
  const session = hash ? { userId: row.id, isStaffSignIn: true, passwordStamp: passwordStamp(hash) } : { userId: row.id };
  return { id: row.id, cookie: `${SESSION_COOKIE}=${await sealData(session, { password: secret, ttl: SESSION_TTL_SECONDS })}` };
}

/** A connected client on one process, with its first `state`. */
async function join(server: number, cookie: string, surface = "watch") {
  const client: Client = io(servers[server].url, { transports: ["websocket"], reconnection: false, extraHeaders: { cookie }, auth: { surface } });
  clients.push(client);
  const state = await new Promise<RoomState>((resolve, reject) => {
    client.once("state", resolve);
    client.once("connect_error", reject);
  });
  return { client, state };
}

const emit = (client: Client, event: keyof ClientToServerEvents, payload: unknown) =>
  (client.timeout(5_000).emitWithAck as (event: string, payload: unknown) => Promise<Ack<Record<string, unknown>>>)(event, payload);

/** The latest `stats` a moderator's client received. */
function latestStats(client: Client, first: RoomStats) {
  let latest = first;
  client.on("stats", (stats) => (latest = stats));
  return () => latest.viewersConnected;
}

const next = <Payload>(client: Client, event: keyof ServerToClientEvents, test: (payload: Payload) => boolean = () => true) =>
  new Promise<Payload>((resolve) => {
    const listener = (payload: Payload) => test(payload) && (client.off(event, listener as never), resolve(payload));
    client.on(event, listener as never);
  });

test("a chat message sent through one process reaches viewers on the other, and joiners there get it in their history", async () => {
  const [sender, listener, latecomer] = await Promise.all([person(), person(), person()]);
  const { client: onA } = await join(0, sender.cookie);
  const { client: onB } = await join(1, listener.cookie);
  const text = `Across processes ${Date.now()}`;
  const heard = next<{ text: string }>(onB, "chat", (message) => message.text === text);
  expect(await emit(onA, "chat", { text })).toMatchObject({ ok: true });
  await heard;
  // Process B's room snapshot learned it too: a new joiner there gets it with no query of its own.
  const { state } = await join(1, latecomer.cookie);
  expect(state.chat.map((message) => message.text)).toContain(text);
});

test("an approval on one process reaches the speaker on the other, and the pending count follows on both", async () => {
  const [asker, moderator, speaker] = await Promise.all([person(), person("moderator"), person("speaker")]);
  const { client: askerOnB } = await join(1, asker.cookie);
  const { client: moderatorOnA } = await join(0, moderator.cookie, "mod");
  const { client: speakerOnB } = await join(1, speaker.cookie, "speaker");
  const text = `Approved across processes ${Date.now()}`;
  const queued = next<{ id: number; status: string }>(moderatorOnA, "question", (question) => question.status === "pending");
  const asked = (await emit(askerOnB, "ask", { text })) as unknown as { question: { id: number } };
  expect((await queued).id).toBe(asked.question.id);
  const shown = next<{ id: number; status: string }>(speakerOnB, "question", (question) => question.id === asked.question.id && question.status === "approved");
  expect(await emit(moderatorOnA, "approve", { id: asked.question.id })).toMatchObject({ ok: true });
  await shown;
  // A moderator joining the other process sees the queue without that question.
  const { state } = await join(1, moderator.cookie, "mod");
  expect(state.pending?.map((question) => question.id)).not.toContain(asked.question.id);
  expect(state.questions.map((question) => question.id)).toContain(asked.question.id);
});

test("the rate limit holds across processes", async () => {
  const chatter = await person();
  const [{ client: onA }, { client: onB }] = await Promise.all([join(0, chatter.cookie), join(1, chatter.cookie)]);
  const acks = await Promise.all(Array.from({ length: 10 }, (_, index) => emit(index % 2 ? onB : onA, "chat", { text: `Limited ${index}` })));
  expect(acks.filter((ack) => ack.ok)).toHaveLength(8);
  expect(acks.filter((ack) => !ack.ok).map((ack) => (ack as { error: string }).error)).toEqual(["rate_limited", "rate_limited"]);
});

test("'watching now' counts the people on both processes once each", async () => {
  const moderator = await person("moderator");
  const onA = await join(0, moderator.cookie, "mod");
  const onB = await join(1, moderator.cookie, "mod");
  const before = onA.state.stats!.viewersConnected;
  const [watchingOnA, watchingOnB] = [latestStats(onA.client, onA.state.stats!), latestStats(onB.client, onB.state.stats!)];
  const people = await Promise.all([person(), person(), person(), person()]);
  // Two on A, one on B, and one with a tab on each.
  await Promise.all([join(0, people[0].cookie), join(0, people[1].cookie), join(1, people[2].cookie), join(0, people[3].cookie), join(1, people[3].cookie)]);
  await expect.poll(watchingOnA, { timeout: 15_000 }).toBe(before + 4);
  await expect.poll(watchingOnB, { timeout: 15_000 }).toBe(before + 4);
  // And it stays there: a count that added up each process's own totals would reach +5 once both had reported.
  await next<RoomStats>(onB.client, "stats");
  await next<RoomStats>(onA.client, "stats");
  expect([watchingOnA(), watchingOnB()]).toEqual([before + 4, before + 4]);
});

test("a person with tabs on both processes earns one minute per interval, in one viewing session", async () => {
  const viewer = await person();
  const tabs = [(await join(0, viewer.cookie)).client, (await join(1, viewer.cookie)).client];
  for (let interval = 1; interval <= 3; interval++) {
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_SECONDS * 1000 + 200));
    const acks = await Promise.all(tabs.map((tab) => emit(tab, "ping", {})));
    expect(acks.filter((ack) => ack.ok && ack.isCredited), `interval ${interval}`).toHaveLength(1);
  }
  const rows = await sql<{ total_minutes: number }>("SELECT total_minutes FROM session_analytics WHERE user_id = ?", [viewer.id]);
  expect(rows.map((row) => Number(row.total_minutes))).toEqual([3]);
});

test("SIGTERM: a process writes its waiting joins, leaves the count and exits 0 within 10 s; the other keeps serving", async () => {
  // A process of its own with the production heartbeat, so joins wait up to 5 s for their batch: only the shutdown can have written this one.
  const port = await freePort();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL, REDIS_KEY_PREFIX: prefix, SESSION_SECRET: secret, HEARTBEAT_SECONDS: "60" };
  servers.push({ process: await startServer(port, env), url: `http://127.0.0.1:${port}` });
  const leaving = servers.length - 1;
  const [moderator, stayer] = await Promise.all([person("moderator"), person()]);
  const { client: moderatorOnB, state } = await join(1, moderator.cookie, "mod");
  const before = state.stats!.viewersConnected;
  const watchingOnB = latestStats(moderatorOnB, state.stats!);
  // A viewer whose join is still waiting for its batch (the 5 s timer may just have written one: then try another).
  let waiting: { viewer: { id: number }; client: Client } | undefined;
  for (let attempt = 0; attempt < 3 && !waiting; attempt++) {
    const viewer = await person();
    const { client } = await join(leaving, viewer.cookie);
    if (!(await sql("SELECT id FROM session_analytics WHERE user_id = ?", [viewer.id])).length) waiting = { viewer, client };
  }
  expect(waiting, "a join still waiting for its batch").toBeDefined();
  const { viewer, client: onLeaving } = waiting!;
  const disconnected = new Promise<string>((resolve) => onLeaving.once("disconnect", resolve));
  const started = Date.now();
  const exitCode = new Promise<number | null>((resolve) => servers[leaving].process.once("exit", resolve));
  askToStop(servers[leaving].process);
  // The client is told by a closed transport, which socket.io-client answers by reconnecting.
  expect(await disconnected).toBe("transport close");
  expect(await exitCode).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  // Its viewing session was written on the way out (the join had been waiting for its batch).
  expect(await sql("SELECT id FROM session_analytics WHERE user_id = ?", [viewer.id])).toHaveLength(1);
  // Nothing changed on B, so B's moderators learn it from B's periodic refresh of the counts.
  await expect.poll(watchingOnB, { timeout: 15_000 }).toBe(before);
  const { client: stillServed } = await join(1, stayer.cookie);
  expect(await emit(stillServed, "chat", { text: "Still here" })).toMatchObject({ ok: true });
});
