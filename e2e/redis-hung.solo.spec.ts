import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { dropDatabase } from "../lib/database-admin";
import { withDatabase } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { CHAT_HISTORY_SIZE } from "../lib/realtime/contract";
import { hashPassword } from "../lib/users/password";
import { postServerActionForm } from "../scripts/server-action-form";
import { stopServer } from "../scripts/server-process";
import { newAttendee } from "./fixtures";
import { hasSeen, LiveClient, seenWithin } from "./live-clients";
import { createPerson, sql } from "./people";
import { cleanUp, PrivateRedis, type RunningServer, startServers } from "./private-servers";

// Two server.ts processes share a Redis of this spec's own, which is frozen
// with SIGSTOP for 10 s: its connections stay open and nothing answers on
// them (a dead Redis, which closes them, is e2e/redis-outage.solo.spec.ts).
// Every use of Redis answers within about a second and then degrades as for a
// dead one: chat is acked and reaches the people on the same process, the
// registration form and staff sign-in answer, a moderator gets in. When Redis
// resumes, nothing said meanwhile is lost: it is stored, and it reaches the
// viewers on the other process too.

const FREEZE_MS = 10_000;
const ACK_LIMIT_MS = 2_000;
const FORM_LIMIT_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.setTimeout(150_000);

/** One chat message; `ms` is Infinity when no ack came within 10 s (a stalled process). */
async function chat(client: LiveClient, text: string) {
  const started = Date.now();
  const ack = await client.socket
    .timeout(10_000)
    .emitWithAck("chat", { text })
    .catch(() => null);
  return { ok: ack?.ok === true, ms: ack ? Date.now() - started : Infinity };
}

async function timed<Result>(work: () => Promise<Result>): Promise<{ result: Result; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

test("a hung Redis: every process answers within a second or two, degraded as for a dead Redis, and nothing is lost when it resumes", async () => {
  const redis = await PrivateRedis.create();
  const databaseUrl = withDatabase(process.env.E2E_DATABASE_URL!, `podium_redis_hung_${Date.now()}`);
  await applyMigrations(databaseUrl);
  const secret = randomBytes(32).toString("hex");
  const staff = { email: `hung-${randomBytes(4).toString("hex")}@podium.test`, password: "hung-redis-pass-1" };
  await sql(databaseUrl, "INSERT INTO users (name, email, phone, role, password_hash) VALUES ('Hung Moderator', ?, '5550100', 'moderator', ?)", [staff.email, await hashPassword(staff.password)]);
  const servers: RunningServer[] = [];
  const clients: LiveClient[] = [];
  const join = async (server: number, label: string, role: "viewer" | "moderator" = "viewer") => {
    const person = await createPerson(databaseUrl, secret, role, label);
    const client = new LiveClient(servers[server].url, person.cookie, { surface: role === "viewer" ? "watch" : "mod" });
    clients.push(client);
    await client.nextState();
    return client;
  };
  /** Every message acked, by text: each must end up stored once and seen by every viewer. */
  const acked: string[] = [];
  const ackTimes: number[] = [];
  const say = async (client: LiveClient, text: string) => {
    const sent = await chat(client, text);
    if (sent.ok) acked.push(text);
    ackTimes.push(sent.ms);
    return sent;
  };

  try {
    await startServers(servers, 2, { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, SESSION_SECRET: secret, TRUST_PROXY: "1" });
    const [a1, a2, b1, b2] = await Promise.all([join(0, "OnA"), join(0, "OnA"), join(1, "OnB"), join(1, "OnB")]);
    const viewers = [a1, a2, b1, b2];
    const before = `Across before the freeze ${Date.now()}`;
    expect((await say(a1, before)).ok).toBe(true);
    await expect.poll(() => hasSeen(b1, before), { timeout: 10_000 }).toBe(true);

    redis.freeze();
    try {
      const thawAt = Date.now() + FREEZE_MS;

      await test.step("while Redis is hung, chat is acked within 2 s on each process and reaches that process's people", async () => {
        // Both at once first: the moment the processes find out.
        const first = await Promise.all([say(a1, `On A as Redis froze ${Date.now()}`), say(b1, `On B as Redis froze ${Date.now()}`)]);
        expect(first.map((sent) => sent.ok)).toEqual([true, true]);
        expect(Math.max(...first.map((sent) => sent.ms)), "first acks").toBeLessThan(ACK_LIMIT_MS);
        for (let round = 0; round < 2; round++) {
          for (const [sender, neighbour, name] of [[a1, a2, "A"], [b1, b2, "B"]] as const) {
            const text = `On ${name} while Redis is hung, ${round} ${Date.now()}`;
            const sent = await say(sender, text);
            expect(sent.ok, `acked on ${name}`).toBe(true);
            expect(sent.ms, `ack on ${name}`).toBeLessThan(ACK_LIMIT_MS);
            expect(await seenWithin(neighbour, text, ACK_LIMIT_MS), `delivered on ${name}`).toBe(true);
          }
        }
      });

      await test.step("the registration form, staff sign-in and a moderator's join answer; /healthz says degraded", async () => {
        const attendee = newAttendee("hung");
        const registered = await timed(() => postServerActionForm(servers[0].url, "/", attendee, { "x-forwarded-for": "198.51.100.23" }));
        expect(registered.result.status, registered.result.errors.join(" ")).toBe(303);
        expect(registered.result.location).toBe("/watch");
        expect(registered.ms, "registration").toBeLessThan(FORM_LIMIT_MS);

        const signedIn = await timed(() => postServerActionForm(servers[1].url, "/staff", staff, { "x-forwarded-for": "198.51.100.24" }));
        expect(signedIn.result.status, signedIn.result.errors.join(" ")).toBe(303);
        expect(signedIn.ms, "staff sign-in").toBeLessThan(FORM_LIMIT_MS);
        const wrong = await timed(() => postServerActionForm(servers[0].url, "/staff", { ...staff, password: "not-the-password" }, { "x-forwarded-for": "198.51.100.25" }));
        expect(wrong.result.errors).toEqual(["That email and password don't match a staff account."]);
        expect(wrong.ms, "a wrong password's answer").toBeLessThan(FORM_LIMIT_MS);

        // A moderator's first `state` carries "watching now", counted in Redis.
        const moderatorJoin = await timed(() => join(0, "Moderator", "moderator"));
        expect(moderatorJoin.ms, "a moderator's join").toBeLessThan(FORM_LIMIT_MS);

        for (const server of servers) {
          const health = await timed(() => fetch(`${server.url}/healthz`));
          expect(health.result.status).toBe(200);
          expect(await health.result.json()).toEqual({ status: "degraded", database: "up", redis: "down" });
          expect(health.ms, "/healthz").toBeLessThan(1_500);
        }
      });

      await test.step("still hung: later messages are acked as quickly", async () => {
        // From the neighbours: the first senders are near their chat limit (8 per 10 s).
        while (Date.now() < thawAt - 1_000) {
          for (const [sender, name] of [[a2, "A"], [b2, "B"]] as const) {
            const sent = await say(sender, `On ${name} later in the freeze ${Date.now()}`);
            expect(sent.ok).toBe(true);
            expect(sent.ms, `a later ack on ${name}`).toBeLessThan(ACK_LIMIT_MS);
          }
          await sleep(1_500);
        }
        await sleep(Math.max(0, thawAt - Date.now()));
      });
    } finally {
      redis.thaw();
    }
    const thawed = Date.now();
    console.log(`Hung Redis: chat acks took ${Math.min(...ackTimes)}–${Math.max(...ackTimes)} ms.`);

    await test.step("when Redis resumes, the processes hear each other again and every acked message reached everyone", async () => {
      // Redis counts chat limits again, and has seen none of the freeze's messages: any sender will do.
      for (const [sender, listener, direction] of [[a2, b2, "A to B"], [b2, a2, "B to A"]] as const) {
        let crossed = false;
        for (let attempt = 0; attempt < 30 && !crossed; attempt++) {
          const text = `Across after the freeze, ${direction} ${attempt} ${Date.now()}`;
          await say(sender, text);
          crossed = await seenWithin(listener, text, 500);
        }
        expect(crossed, `${direction} within 15 s`).toBe(true);
        console.log(`Hung Redis: ${direction} again ${Date.now() - thawed} ms after it resumed.`);
      }
      const stored = await sql<{ message: string }>(databaseUrl, "SELECT message FROM chat_messages");
      const storedTimes = new Map<string, number>();
      for (const row of stored) storedTimes.set(row.message, (storedTimes.get(row.message) ?? 0) + 1);
      for (const text of acked) expect(storedTimes.get(text), `stored once: ${text}`).toBe(1);
      // What was said on one process during the freeze reaches the viewers on the other.
      for (const viewer of viewers) await expect.poll(() => acked.filter((text) => !hasSeen(viewer, text)), { timeout: 15_000 }).toEqual([]);
      for (const viewer of viewers) {
        const seen = viewer.view.chat.map((message) => message.text);
        expect(seen.length, "no message twice").toBe(new Set(seen).size);
      }
      // Someone joining either process now gets the latest history as stored, with no hole.
      const latest = (await sql<{ message: string }>(databaseUrl, "SELECT message FROM chat_messages WHERE is_hidden = false ORDER BY id DESC LIMIT ?", [CHAT_HISTORY_SIZE])).map((row) => row.message).reverse();
      for (const server of [0, 1]) expect((await join(server, "Latecomer")).view.chat.map((message) => message.text)).toEqual(latest);
      for (const server of servers) await expect.poll(async () => (await fetch(`${server.url}/healthz`)).json(), { timeout: 5_000 }).toEqual({ status: "ok", database: "up", redis: "up" });
    });
  } finally {
    await cleanUp([...clients.map((client) => () => client.close()), ...servers.map((server) => () => stopServer(server.process)), () => redis.stop(), () => dropDatabase(databaseUrl)]);
  }
});
