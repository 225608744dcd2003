import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { CHAT_HISTORY_SIZE } from "../lib/realtime/contract";
import { SESSION_COOKIE } from "../lib/session-options";
import { startServer, stopServer } from "../scripts/server-process";
import { Chatter, LiveClient, timeUntil } from "./live-clients";
import { chatMessages, expectLive } from "./live-room";
import { createPerson, sql, type Person } from "./people";
import { cleanUp, PrivateMariadb, PrivateRedis, type RunningServer, startServers } from "./private-servers";

// The database outage of e2e/database-outage.solo.spec.ts, with two server.ts
// processes sharing a Redis, as behind a load balancer. A MariaDB of this
// spec's own is frozen (SIGSTOP: connections open, no answers), then stopped
// (and process B restarted meanwhile), while browsers and script clients on
// both processes chat. The same promises
// hold as for one process: nobody is signed out, no ack lies, nothing is lost
// or doubled on either process, and both heal within seconds.

const FROZEN_MS = 6_000;
const DOWN_MS = 8_000;
const RECOVERY_LIMIT_MS = 3_000;
const SIGN_IN_PATHS = ["/", "/staff"];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.setTimeout(240_000);

/** Main-frame paths a page visits from now on. */
function pathsVisited(page: Page): string[] {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
  });
  return visited;
}

test("a database outage under two processes on Redis, one restarted during it, signs nobody out, loses and doubles nothing, and both heal within seconds", async ({ browser }) => {
  const database = await PrivateMariadb.create("outage-two");
  const redis = await PrivateRedis.create();
  const databaseUrl = database.url("podium_outage_two");
  await applyMigrations(databaseUrl);
  const secret = randomBytes(32).toString("hex");
  const servers: RunningServer[] = [];
  const contexts: BrowserContext[] = [];
  const clients: LiveClient[] = [];
  const chatters: Chatter[] = [];
  const openAs = async (server: number, person: Person, path: string) => {
    const context = await browser.newContext({ baseURL: servers[server].url });
    contexts.push(context);
    await context.addCookies([{ name: SESSION_COOKIE, value: person.cookieValue, url: servers[server].url }]);
    const page = await context.newPage();
    await page.goto(path);
    await expectLive(page);
    return page;
  };

  try {
    await startServers(servers, 2, { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, SESSION_SECRET: secret });
    const [viewerA, viewerB, moderator, prober, ...chatterPeople] = await Promise.all([
      createPerson(databaseUrl, secret, "viewer", "ViewerA"),
      createPerson(databaseUrl, secret, "viewer", "ViewerB"),
      createPerson(databaseUrl, secret, "moderator", "Moderator"),
      createPerson(databaseUrl, secret, "viewer", "Prober"),
      ...[1, 2, 3, 4].map((index) => createPerson(databaseUrl, secret, "viewer", `Chatter${index}`)),
    ]);
    // A browser on /watch on each process, a moderator's on B; two script clients chatting on each.
    const pages = [await openAs(0, viewerA, "/watch"), await openAs(1, viewerB, "/watch"), await openAs(1, moderator, "/mod")];
    const visited = pages.map(pathsVisited);
    chatters.push(...chatterPeople.map((person, index) => new Chatter(new LiveClient(servers[index % 2].url, person.cookie), `Chatter ${index + 1} on ${"AB"[index % 2]}`)));
    let isChatting = true;
    const chatting = Promise.all(chatters.map((chatter) => chatter.run(() => isChatting)));
    await expect.poll(() => chatters.every((chatter) => chatter.acked.length > 0), { timeout: 15_000 }).toBe(true);
    // Across processes before the outage.
    await expect(chatMessages(pages[0]).filter({ hasText: "Chatter 2 on B #1" })).toHaveCount(1);

    await test.step("the database freezes, then stops: every refusal is `unavailable`, within 3 s, on both processes", async () => {
      database.freeze();
      try {
        await sleep(FROZEN_MS);
      } finally {
        // Stopped while frozen, as the outside probe did (stop() thaws it first so it can shut down).
        await database.stop();
      }
      const downSince = Date.now();
      await expect.poll(() => chatters.every((chatter) => chatter.attempts.some((attempt) => attempt.outcome === "unavailable")), { timeout: 15_000 }).toBe(true);
      for (const server of servers) expect((await fetch(`${server.url}/healthz`)).status).toBe(503);
      // B restarts with the database still down: its people are told to retry, not to sign in.
      await stopServer(servers[1].process);
      servers[1].process = await startServer(servers[1].port, servers[1].env);
      await expect.poll(() => chatters.filter((_, index) => index % 2 === 1).every((chatter) => chatter.client.refusals.includes("unavailable")), { timeout: 10_000 }).toBe(true);
      await sleep(Math.max(0, downSince + DOWN_MS - Date.now()));
    });

    // Clients that retry quickly, one per process, to time each process's own recovery.
    const probes = servers.map((server) => new LiveClient(server.url, prober.cookie, { retryAfterMs: () => 100 }));
    clients.push(...probes);
    const probeChat = (probe: LiveClient, index: number) => async () => probe.socket.connected && (await probe.socket.timeout(3_000).emitWithAck("chat", { text: `Probe on ${"AB"[index]} ${Date.now()}` })).ok;
    await database.start();

    await test.step("within 3 s of the database answering, chat is acked on both processes", async () => {
      const times = await Promise.all(probes.map((probe, index) => timeUntil(probeChat(probe, index), 15_000)));
      console.log(`Recovery after the database answered again: first chat ack ${times.join(" ms and ")} ms.`);
      for (const ms of times) expect(ms).toBeLessThan(RECOVERY_LIMIT_MS);
    });

    await test.step("everyone is back by themselves, still signed in", async () => {
      for (const page of pages) await expectLive(page);
      await expect.poll(() => chatters.every((chatter) => chatter.client.socket.connected), { timeout: 15_000 }).toBe(true);
      await sleep(3_000);
      isChatting = false;
      await chatting;
    });

    await test.step("no sign-out, no false ack, nothing lost, nothing doubled, on either process", async () => {
      expect(pages.map((page) => new URL(page.url()).pathname)).toEqual(["/watch", "/watch", "/mod"]);
      expect(visited.flat().filter((path) => SIGN_IN_PATHS.includes(path))).toEqual([]);
      for (const client of [...clients, ...chatters.map((chatter) => chatter.client)]) expect(client.refusals).not.toContain("unauthorized");

      const stored = await sql<{ message: string }>(databaseUrl, "SELECT message FROM chat_messages");
      const storedTimes = new Map<string, number>();
      for (const row of stored) storedTimes.set(row.message, (storedTimes.get(row.message) ?? 0) + 1);
      expect([...storedTimes].filter(([, times]) => times > 1), "stored twice").toEqual([]);
      const everyAcked = chatters.flatMap((chatter) => chatter.acked.map((sent) => sent.text));
      for (const chatter of chatters) {
        // Every message was acked in the end, and every ack is a stored message.
        expect(new Set(chatter.attempts.map((attempt) => attempt.text)).size).toBe(chatter.acked.length);
        for (const sent of chatter.acked) expect(storedTimes.get(sent.text), sent.text).toBe(1);
        const refused = chatter.attempts.filter((attempt) => attempt.outcome !== "ok" && attempt.outcome !== "no answer");
        expect(new Set(refused.map((attempt) => attempt.outcome))).toEqual(new Set(["unavailable"]));
        expect(Math.max(...refused.map((attempt) => attempt.ms))).toBeLessThan(3_000);
      }
      // Each client and each page saw every message from both processes, once.
      await expect.poll(() => chatters.flatMap((chatter) => everyAcked.filter((text) => !chatter.client.view.chat.some((message) => message.text === text))), { timeout: 10_000 }).toEqual([]);
      for (const chatter of chatters) {
        const seen = chatter.client.view.chat.map((message) => message.text);
        expect(seen.length).toBe(new Set(seen).size);
      }
      // ("Chatter 1 on A #1" must not be taken for "… #10".)
      const shows = (lines: string[], text: string) => lines.some((line) => new RegExp(`${text}(?!\\d)`).test(line));
      // Someone joining either process now gets the latest history as stored, with no hole.
      const latest = (await sql<{ message: string }>(databaseUrl, "SELECT message FROM chat_messages WHERE is_hidden = false ORDER BY id DESC LIMIT ?", [CHAT_HISTORY_SIZE])).map((row) => row.message).reverse();
      for (const server of servers) {
        const joiner = new LiveClient(server.url, prober.cookie);
        clients.push(joiner);
        await joiner.nextState();
        expect(joiner.view.chat.map((message) => message.text)).toEqual(latest);
      }
      for (const page of pages) {
        const missing = async () => {
          const shown = await chatMessages(page).allTextContents();
          return everyAcked.filter((text) => !shows(shown, text));
        };
        await expect.poll(missing, { timeout: 10_000 }).toEqual([]);
        const shown = await chatMessages(page).allTextContents();
        expect(shown.length).toBe(new Set(shown).size);
      }
    });
  } finally {
    await cleanUp([
      ...chatters.map((chatter) => () => chatter.abort()),
      ...clients.map((client) => () => client.close()),
      ...contexts.map((context) => () => context.close()),
      ...servers.map((server) => () => stopServer(server.process)),
      () => redis.stop(),
      () => database.remove(),
    ]);
  }
});
