import type { ChildProcess } from "../scripts/child-process.mjs";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { dropDatabase } from "../lib/database-admin";
import { withDatabase } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { freePort } from "../scripts/free-port";
import { startServer, stopServer } from "../scripts/server-process";
import { Chatter, LiveClient } from "./live-clients";
import { createAttendees, createPerson, sql } from "./people";
import { cleanUp } from "./private-servers";

// server.ts restarted (SIGTERM, then started again) under 1,000 attendees
// connected over WebSocket from this process, with chat going on. All come
// back by themselves within 60 s, each holds every acked message exactly once
// (the reconnect resyncs from `lastChatId`/`since`), and watch time is what
// README "Shutdown, and what a crash can lose" promises for a graceful stop:
// nothing written is lost, nothing extra is credited.

const VIEWERS = 1_000;
const HEARTBEAT_SECONDS = 2;
const BACK_WITHIN_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.setTimeout(240_000);

async function until(condition: () => boolean, limitMs: number): Promise<number> {
  const started = Date.now();
  while (!condition() && Date.now() - started < limitMs) await sleep(100);
  return condition() ? Date.now() - started : Infinity;
}

test("a restart under 1,000 connected attendees: all back within 60 s, chat without gap or duplicate, watch time kept", async () => {
  const databaseUrl = withDatabase(process.env.E2E_DATABASE_URL!, `podium_restart_${Date.now()}`);
  await applyMigrations(databaseUrl);
  const secret = randomBytes(32).toString("hex");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverEnv = { DATABASE_URL: databaseUrl, SESSION_SECRET: secret, HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) };
  let server: ChildProcess = await startServer(port, serverEnv);
  const viewers: LiveClient[] = [];
  const chatters: Chatter[] = [];

  try {
    const people = await createAttendees(databaseUrl, secret, VIEWERS);
    const joined = Date.now();
    for (const person of people) viewers.push(new LiveClient(base, person.cookie, { sendsHeartbeats: true }));
    const allIn = await until(() => viewers.every((viewer) => viewer.states.length >= 1), BACK_WITHIN_MS);
    console.log(`${VIEWERS} attendees connected in ${allIn} ms.`);
    expect(allIn).toBeLessThan(BACK_WITHIN_MS);

    // Five chatters, about three messages a second in all, each resending until acked.
    for (let index = 1; index <= 5; index++) {
      const person = await createPerson(databaseUrl, secret, "viewer", `Sender${index}`);
      chatters.push(new Chatter(new LiveClient(base, person.cookie), `Sender ${index}`));
    }
    let isChatting = true;
    const chatting = Promise.all(chatters.map((chatter) => chatter.run(() => isChatting)));
    await sleep(4_000);

    const stopping = Date.now();
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    await stopServer(server);
    expect(await exited, "a graceful stop exits 0").toBe(0);
    expect(Date.now() - stopping, "within 10 s").toBeLessThan(10_000);
    server = await startServer(port, serverEnv);
    const allBack = await until(() => viewers.every((viewer) => viewer.states.length >= 2), BACK_WITHIN_MS - (Date.now() - stopping));
    const backMs = Date.now() - stopping;
    console.log(`Restart: all ${VIEWERS} back ${backMs} ms after SIGTERM (the new process was ready after ${Date.now() - stopping - allBack} ms).`);
    expect(allBack).toBeLessThan(Infinity);
    expect(backMs).toBeLessThan(BACK_WITHIN_MS);

    await sleep(4_000);
    isChatting = false;
    await chatting;
    // The last messages' broadcasts, and the last heartbeats' acks.
    await sleep(HEARTBEAT_SECONDS * 1_000 + 1_500);

    const stored = await sql<{ id: number; message: string }>(databaseUrl, "SELECT id, message FROM chat_messages ORDER BY id");
    const acked = chatters.flatMap((chatter) => chatter.acked.map((sent) => sent.message.id));
    expect(acked.length).toBeGreaterThan(20);
    expect(new Set(stored.map((row) => row.message)).size, "nothing stored twice").toBe(stored.length);
    expect([...acked].sort((a, b) => a - b), "every ack is a stored message, and every stored message was acked").toEqual(stored.map((row) => row.id));
    const storedIds = stored.map((row) => row.id);
    let gaps = 0;
    for (const viewer of viewers) {
      expect(viewer.refusals).not.toContain("unauthorized");
      // Back through a resync, and holding exactly the stored messages, in order: no gap, no duplicate.
      expect(viewer.states[1].isResync).toBe(true);
      if (viewer.view.chat.map((message) => message.id).join() !== storedIds.join()) gaps++;
    }
    expect(gaps, "attendees whose chat differs from what was stored").toBe(0);

    // Watch time: every credit acked is in the database; at most one more per person (a heartbeat written
    // by the shutdown after its socket closed, so its ack never arrived); never more than the intervals
    // since the viewing session began; one viewing session each, resumed across the restart.
    const sessions = await sql<{ user_id: number; session_count: number | bigint; minutes: number | bigint; started: Date }>(
      databaseUrl,
      "SELECT user_id, COUNT(*) AS session_count, SUM(total_minutes) AS minutes, MIN(start_time) AS started FROM session_analytics GROUP BY user_id",
    );
    const byUser = new Map(sessions.map((row) => [row.user_id, row]));
    const elapsedIntervals = Math.floor((Date.now() - joined) / (HEARTBEAT_SECONDS * 1_000));
    let outOfBounds = 0;
    for (const [index, viewer] of viewers.entries()) {
      const row = byUser.get(people[index].id);
      const minutes = Number(row?.minutes ?? 0);
      if (!row || Number(row.session_count) !== 1 || minutes < viewer.creditedPings || minutes > viewer.creditedPings + 1 || minutes > elapsedIntervals) outOfBounds++;
    }
    const minutes = viewers.map((viewer, index) => Number(byUser.get(people[index].id)?.minutes ?? 0));
    console.log(`Watch time: ${Math.min(...minutes)}–${Math.max(...minutes)} minutes each over ${elapsedIntervals} intervals.`);
    expect(outOfBounds, "attendees whose watch time is out of bounds").toBe(0);
    expect(Math.min(...minutes)).toBeGreaterThan(0);
  } finally {
    await cleanUp([...chatters.map((chatter) => () => chatter.abort()), ...viewers.map((viewer) => () => viewer.close()), () => stopServer(server), () => dropDatabase(databaseUrl)]);
  }
});
