import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { dropDatabase } from "../lib/database-admin";
import { withDatabase } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { stopServer } from "../scripts/server-process";
import { hasSeen, LiveClient, seenWithin } from "./live-clients";
import { createPerson } from "./people";
import { cleanUp, PrivateRedis, type RunningServer, startServers } from "./private-servers";

// Two server.ts processes share a Redis of this spec's own, which is stopped
// for 10 s. Each process keeps serving its own people meanwhile (chat is
// acked and reaches everyone on the same process, newcomers get in), and when
// Redis is back the processes hear each other again by themselves.

const OUTAGE_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.setTimeout(150_000);

async function chat(client: LiveClient, text: string) {
  const started = Date.now();
  const ack = await client.socket.timeout(5_000).emitWithAck("chat", { text });
  return { ok: ack.ok, ms: Date.now() - started };
}

test("a Redis outage: each process keeps serving its own clients, and they hear each other again when it returns", async () => {
  const redis = await PrivateRedis.create();
  const databaseUrl = withDatabase(process.env.E2E_DATABASE_URL!, `podium_redis_outage_${Date.now()}`);
  await applyMigrations(databaseUrl);
  const secret = randomBytes(32).toString("hex");
  const servers: RunningServer[] = [];
  const clients: LiveClient[] = [];
  const join = async (server: number, label: string) => {
    const person = await createPerson(databaseUrl, secret, "viewer", label);
    const client = new LiveClient(servers[server].url, person.cookie);
    clients.push(client);
    await client.nextState();
    return client;
  };

  try {
    await startServers(servers, 2, { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, SESSION_SECRET: secret });
    const [a1, a2, b1, b2] = await Promise.all([join(0, "OnA"), join(0, "OnA"), join(1, "OnB"), join(1, "OnB")]);
    const before = `Across before the outage ${Date.now()}`;
    expect((await chat(a1, before)).ok).toBe(true);
    await expect.poll(() => hasSeen(b1, before), { timeout: 10_000 }).toBe(true);

    await redis.stop();
    const outageEnds = Date.now() + OUTAGE_MS;
    const sentDuring: Record<"A" | "B", string> = { A: "", B: "" };

    await test.step("while Redis is away, each process serves its own people", async () => {
      for (const [sender, neighbour, name] of [[a1, a2, "A"], [b1, b2, "B"]] as const) {
        const text = `On ${name} during the outage ${Date.now()}`;
        sentDuring[name] = text;
        const sent = await chat(sender, text);
        expect(sent.ok, `chat acked on ${name}`).toBe(true);
        expect(sent.ms).toBeLessThan(2_000);
        // Delivered to the others on the same process as it would be without Redis: at once.
        expect(await seenWithin(neighbour, text, 2_000), `delivered on ${name}`).toBe(true);
      }
      // A newcomer is let in (a handshake needs the database, not Redis).
      const newcomer = await join(0, "Newcomer");
      expect(newcomer.view.isReady).toBe(true);
      const health = await fetch(`${servers[0].url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "degraded", database: "up", redis: "down" });
    });

    await sleep(Math.max(0, outageEnds - Date.now()));
    await redis.start();
    const redisBack = Date.now();

    await test.step("when Redis returns, a message on one process reaches the other again", async () => {
      // Sent every half second until one crosses, both ways: how long the processes take to rejoin.
      for (const [sender, listener, direction] of [[a1, b1, "A to B"], [b2, a2, "B to A"]] as const) {
        let crossed = false;
        for (let attempt = 0; attempt < 60 && !crossed; attempt++) {
          const text = `Across after the outage, ${direction} ${attempt} ${Date.now()}`;
          await chat(sender, text);
          crossed = await seenWithin(listener, text, 500);
        }
        expect(crossed, `${direction} within 30 s`).toBe(true);
        console.log(`Redis outage: ${direction} again ${Date.now() - redisBack} ms after Redis answered.`);
      }
      // What was said during the outage waited in the Redis client's queue and reached the other process too.
      expect(hasSeen(b1, sentDuring.A)).toBe(true);
      expect(hasSeen(a1, sentDuring.B)).toBe(true);
      const health = await fetch(`${servers[1].url}/healthz`);
      expect(await health.json()).toEqual({ status: "ok", database: "up", redis: "up" });
    });
  } finally {
    await cleanUp([...clients.map((client) => () => client.close()), ...servers.map((server) => () => stopServer(server.process)), () => redis.stop(), () => dropDatabase(databaseUrl)]);
  }
});
