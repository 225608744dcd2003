import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import { dropDatabase } from "../lib/database-admin";
import { withDatabase } from "../lib/database-url";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { hashPassword } from "../lib/users/password";
import { postServerActionForm } from "../scripts/server-action-form";
import { stopServer } from "../scripts/server-process";
import { newAttendee } from "./fixtures";
import { sql } from "./people";
import { cleanUp, PrivateRedis, type RunningServer, startServers } from "./private-servers";

// Whoever can read Redis (a shared instance, a backup, a MONITOR) learns no
// email and no address from Podium's keys: rate limits count under an HMAC
// of what they count. Two server.ts processes on a Redis of this spec's own
// check that, and that the limits still add up across processes.

const NO_MATCH = "That email and password don't match a staff account.";

test.setTimeout(90_000);

test("no Redis key holds an email or an address, and sign-in limits still add up across processes", async () => {
  const redis = await PrivateRedis.create();
  const databaseUrl = withDatabase(process.env.E2E_DATABASE_URL!, `podium_redis_keys_${Date.now()}`);
  await applyMigrations(databaseUrl);
  const secret = randomBytes(32).toString("hex");
  const tag = randomBytes(4).toString("hex");
  const staff = { email: `keys-${tag}@podium.test`, password: "keys-pass-1" };
  await sql(databaseUrl, "INSERT INTO users (name, email, phone, role, password_hash) VALUES ('Keys Moderator', ?, '5550100', 'moderator', ?)", [staff.email, await hashPassword(staff.password)]);
  const servers: RunningServer[] = [];
  const reader = new Redis(redis.url);

  try {
    await startServers(servers, 2, { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, SESSION_SECRET: secret, TRUST_PROXY: "1" });
    // Addresses from the documentation ranges; an IPv6 one is counted by its /64 network.
    const addresses = { registering: "198.51.100.61", registeringV6: "2001:db8:61:7::5", guessing: "198.51.100.62" };
    const attendee = { ...newAttendee("keys"), email: `attendee-${tag}@example.com` };
    const registered = await postServerActionForm(servers[0].url, "/", attendee, { "x-forwarded-for": addresses.registering });
    expect(registered.status, registered.errors.join(" ")).toBe(303);
    const again = await postServerActionForm(servers[1].url, "/", attendee, { "x-forwarded-for": addresses.registeringV6 });
    expect(again.status, again.errors.join(" ")).toBe(303);

    await test.step("ten wrong passwords from one address, half through each process: the eleventh attempt is refused on either", async () => {
      for (let attempt = 0; attempt < 10; attempt++) {
        const answer = await postServerActionForm(servers[attempt % 2].url, "/staff", { email: staff.email, password: `wrong-${attempt}` }, { "x-forwarded-for": addresses.guessing });
        expect(answer.errors).toEqual([NO_MATCH]);
      }
      for (const server of servers) {
        const refused = await postServerActionForm(server.url, "/staff", staff, { "x-forwarded-for": addresses.guessing });
        expect(refused.errors).toEqual([expect.stringMatching(/^Too many/)]);
      }
    });

    await test.step("Podium's keys in Redis name no email and no address", async () => {
      const keys: string[] = [];
      let cursor = "0";
      do {
        const [next, batch] = await reader.scan(cursor, "MATCH", "podium:*", "COUNT", 1_000);
        keys.push(...batch);
        cursor = next;
      } while (cursor !== "0");
      // The limits were counted in Redis (so there was something to leak)…
      for (const limit of ["register-address", "register-email", "staff-sign-in"]) expect(keys.some((key) => key.startsWith(`podium:limit:${limit}:`)), limit).toBe(true);
      // …under names that give nothing away.
      const revealing = ["@", attendee.email, `attendee-${tag}`, staff.email, `keys-${tag}`, addresses.registering, "2001:db8:61:7", addresses.guessing, "198.51.100"];
      expect(keys.filter((key) => revealing.some((part) => key.toLowerCase().includes(part)))).toEqual([]);
    });
  } finally {
    await cleanUp([() => reader.quit(), ...servers.map((server) => () => stopServer(server.process)), () => redis.stop(), () => dropDatabase(databaseUrl)]);
  }
});
