import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { dropDatabase } from "../lib/database-admin";
import { withDatabase } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { stopServer } from "../scripts/server-process";
import { Chatter, LiveClient } from "./live-clients";
import { createAttendees } from "./people";
import { cleanUp, PrivateRedis, type RunningServer, startServers } from "./private-servers";

// The race an outside probe found: 16 people chat on one process, 60 viewers
// on the other reconnect every second or two, and Redis, which carries the
// chat between the two, is killed for 8 s. Messages sent while Redis came
// back reached some viewers after later ones had, and their resyncs, which
// continued from the newest message they held, never brought the earlier
// ones: lost for good. A newcomer right after the return got a history with
// a hole. Every viewer must end up with every message.

const SENDERS = 16;
const VIEWERS = 60;
/** Viewers that stay connected throughout: they have no resync to lean on, only chat:since and the room's catch-up. */
const STEADY = 10;
const OUTAGE_MS = 8_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.setTimeout(180_000);

test("after a Redis outage no viewer on the other process is left with a hole in the chat, however often it reconnects", async () => {
  const redis = await PrivateRedis.create();
  const databaseUrl = withDatabase(process.env.E2E_DATABASE_URL!, `podium_redis_gap_${Date.now()}`);
  await applyMigrations(databaseUrl);
  const secret = randomBytes(32).toString("hex");
  const servers: RunningServer[] = [];
  const clients: LiveClient[] = [];
  const chatters: Chatter[] = [];
  let isChurning = true;
  const join = async (server: number, cookie: string) => {
    const client = new LiveClient(servers[server].url, cookie);
    clients.push(client);
    await client.nextState();
    return client;
  };

  try {
    await startServers(servers, 2, { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, SESSION_SECRET: secret });
    const people = await createAttendees(databaseUrl, secret, SENDERS + VIEWERS + STEADY + 1, "Gap");
    const senders = await Promise.all(people.slice(0, SENDERS).map((person) => join(0, person.cookie)));
    const viewers = await Promise.all(people.slice(SENDERS, SENDERS + VIEWERS).map((person) => join(1, person.cookie)));
    const steady = await Promise.all(people.slice(SENDERS + VIEWERS, SENDERS + VIEWERS + STEADY).map((person) => join(1, person.cookie)));

    // Each viewer drops its connection and comes back every 0.5–2 s, resyncing each time.
    const churn = viewers.map(async (viewer) => {
      while (isChurning) {
        await sleep(500 + Math.random() * 1_500);
        if (!isChurning) break;
        viewer.socket.disconnect();
        viewer.socket.connect();
      }
    });
    // Within the chat limit (8 per 10 s each): 16 people, about 13 messages a second in all.
    let isSending = true;
    chatters.push(...senders.map((sender, index) => new Chatter(sender, `Sender ${index}`)));
    const sending = chatters.map((chatter) => chatter.run(() => isSending, { gapMs: 1_250 }));

    await sleep(2_000);
    await redis.stop();
    await sleep(OUTAGE_MS);
    const ackedBeforeReturn = chatters.flatMap((chatter) => chatter.acked.map((sent) => sent.message.seq));
    await redis.start();
    await sleep(1_000);
    // A newcomer a second after the return: its very first history has no hole (it used to heal only by 3 s).
    const newcomer = await join(1, people.at(-1)!.cookie);
    const firstHistory = newcomer.view.chat.map((message) => message.seq);
    await sleep(6_000);
    isSending = false;
    await Promise.all(sending);
    isChurning = false;
    await Promise.all(churn);

    const acked = chatters.flatMap((chatter) => chatter.acked.map((sent) => sent.message.id));
    expect(acked.length).toBeGreaterThan(150);
    const missingFrom = (client: LiveClient) => {
      const held = new Set(client.view.chat.map((message) => message.id));
      return acked.filter((id) => !held.has(id));
    };
    // Every viewer, and the newcomer for everything sent since its history began, within 15 s of the last send.
    await expect
      .poll(() => [...viewers, ...steady].filter((viewer) => missingFrom(viewer).length > 0).length, { timeout: 15_000, message: "viewers still missing a message" })
      .toBe(0);
    const newcomerFrom = newcomer.view.chat[0].id;
    expect(missingFrom(newcomer).filter((id) => id >= newcomerFrom)).toEqual([]);
    expect(ackedBeforeReturn.filter((seq) => seq >= firstHistory[0] && !firstHistory.includes(seq)), "missing from the newcomer's first history").toEqual([]);
    const reconnects = viewers.reduce((sum, viewer) => sum + viewer.states.length - 1, 0);
    console.log(`Redis outage under churn: ${acked.length} messages, ${reconnects} viewer reconnects, ${[...viewers, ...steady].reduce((sum, viewer) => sum + viewer.gapRequests, 0)} gap requests; no viewer missed any.`);
  } finally {
    isChurning = false;
    await cleanUp([...chatters.map((chatter) => () => chatter.abort()), ...clients.map((client) => () => client.close()), ...servers.map((server) => () => stopServer(server.process)), () => redis.stop(), () => dropDatabase(databaseUrl)]);
  }
});
