import type { ChildProcess } from "../scripts/child-process.mjs";
import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { applyMigrations } from "../lib/migrations/apply-migrations";
import { SESSION_COOKIE } from "../lib/session-options";
import { freePort } from "../scripts/free-port";
import { startServer, stopServer } from "../scripts/server-process";
import { FEATURED } from "./events";
import { registerAs } from "./fixtures";
import { createPerson, sql, type Person } from "./people";
import { cleanUp, PrivateMariadb } from "./private-servers";

// Every server action during a database outage, in a real browser: a MariaDB
// of this spec's own is stopped under each one. The action answers with its
// form's own "couldn't … just now", both when it is the request that finds the
// database gone and once the process knows, and never with a 500. Sign-out
// never reports success it could not record: the person is told they are
// still signed in, and only the retry that succeeds ends every copy of the cookie.

const NOT_NOW = /just now.*try again in a moment/i;
// The pools' 2 s acquire timeout, plus the browser's round trip on a busy machine.
const ANSWER_LIMIT_MS = 5_000;

test.setTimeout(300_000);

/** An event straight in this spec's database; the id and its slug. */
async function insertEvent(databaseUrl: string, state: "scheduled" | "live") {
  const slug = `outage-${state}-${randomBytes(3).toString("hex")}`;
  const [row] = await sql<{ id: number }>(databaseUrl, "INSERT INTO events (slug, title, description, stream_url, starts_at, state) VALUES (?, ?, '', '', NOW(), ?) RETURNING id", [slug, `Outage ${state} ${slug}`, state]);
  return { id: Number(row.id), slug };
}

test("during a database outage every server action says it couldn't act just now, never a 500; sign-out reports success only once it is recorded", async ({ browser }) => {
  const database = await PrivateMariadb.create("actions");
  const databaseUrl = database.url("podium_actions");
  await applyMigrations(databaseUrl);
  const secret = randomBytes(32).toString("hex");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = await startServer(port, { DATABASE_URL: databaseUrl, SESSION_SECRET: secret });
  const contexts: BrowserContext[] = [];
  const newPage = async (person?: Person) => {
    const context = await browser.newContext({ baseURL: base });
    contexts.push(context);
    if (person) await context.addCookies([{ name: SESSION_COOKIE, value: person.cookieValue, url: base }]);
    return context.newPage();
  };
  const isHealthy = async () => (await fetch(`${base}/healthz`).catch(() => null))?.status === 200;

  /**
   * Stops the database, then clicks `submit` twice: first as the request that finds the database gone, then
   * once the process knows. Each time the action must answer (not 500) with `message` shown, within the limit.
   */
  async function expectRefusedInOutage(label: string, page: Page, submit: () => Locator, message: Locator) {
    await database.stop();
    try {
      for (const moment of ["finding the outage", "in a known outage"]) {
        const answered = page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined);
        const sent = Date.now();
        await submit().click();
        const response = await answered;
        expect(response.status(), `${label}, ${moment}: the action's answer`).toBeLessThan(500);
        await expect(message, `${label}, ${moment}`).toBeVisible({ timeout: ANSWER_LIMIT_MS });
        expect(Date.now() - sent, `${label}, ${moment}: answered within ${ANSWER_LIMIT_MS} ms`).toBeLessThan(ANSWER_LIMIT_MS);
      }
    } finally {
      await database.start();
    }
    await expect.poll(isHealthy, { timeout: 15_000 }).toBe(true);
  }

  try {
    const [admin, attendee] = await Promise.all([createPerson(databaseUrl, secret, "admin", "Admin"), createPerson(databaseUrl, secret, "viewer", "Attendee")]);
    const [scheduled, other] = await Promise.all([insertEvent(databaseUrl, "scheduled"), insertEvent(databaseUrl, "live")]);

    await test.step("the admin's event actions", async () => {
      const creating = await newPage(admin);
      await creating.goto("/events/new");
      await creating.getByLabel("Title").fill("Made in an outage");
      await creating.getByLabel("Starts at").fill("2027-03-14T18:30");
      await expectRefusedInOutage("Create event", creating, () => creating.getByRole("button", { name: "Create event" }), creating.getByText(NOT_NOW));
      // What was typed is still there to send again.
      await expect(creating.getByLabel("Title")).toHaveValue("Made in an outage");

      const eventPage = await newPage(admin);
      await eventPage.goto(`/events/${scheduled.id}`);
      await eventPage.getByLabel("Title").fill("Renamed in an outage");
      await expectRefusedInOutage("Save changes", eventPage, () => eventPage.getByRole("button", { name: "Save changes" }), eventPage.getByText(NOT_NOW).first());
      for (const name of ["Go live", "Duplicate", "Feature on the home page"]) {
        await eventPage.reload();
        const button = eventPage.getByRole("button", { name, exact: true });
        await expectRefusedInOutage(name, eventPage, () => button, button.locator("xpath=..").getByRole("alert"));
      }
      await eventPage.reload();
      await eventPage.getByRole("button", { name: "Archive…" }).click();
      await expectRefusedInOutage("Archive event", eventPage, () => eventPage.getByRole("button", { name: "Archive event" }), eventPage.getByRole("group", { name: /^Archive/ }).getByRole("alert"));

      const list = await newPage(admin);
      await list.goto("/events");
      const goLive = list.getByRole("button", { name: `Go live with Outage scheduled ${scheduled.slug}` });
      await expectRefusedInOutage("Go live from the list", list, () => goLive, goLive.locator("xpath=..").getByRole("alert"));

      const users = await newPage(admin);
      await users.goto("/reports/users");
      await users.getByRole("button", { name: `End sessions of ${attendee.name}` }).click();
      await expectRefusedInOutage("End sessions", users, () => users.getByRole("button", { name: "End all sessions" }), users.getByText("That did not work just now. Try again in a moment."));

      // Nothing was done meanwhile.
      expect(await sql(databaseUrl, "SELECT id FROM events WHERE title IN ('Made in an outage', 'Renamed in an outage') OR slug LIKE ?", [`${scheduled.slug}-%`])).toEqual([]);
      expect(await sql<{ state: string; is_featured: number; archived_at: Date | null }>(databaseUrl, "SELECT state, COALESCE(is_featured, 0) AS is_featured, archived_at FROM events WHERE id = ?", [scheduled.id])).toEqual([{ state: "scheduled", is_featured: 0, archived_at: null }]);
    });

    await test.step("an attendee's Join this event", async () => {
      const joining = await newPage(attendee);
      await joining.goto(`/e/${other.slug}`);
      await expectRefusedInOutage("Join this event", joining, () => joining.getByRole("button", { name: "Join this event" }), joining.getByText(NOT_NOW));
      expect(await sql(databaseUrl, "SELECT user_id FROM registrations WHERE event_id = ?", [other.id])).toEqual([]);
    });

    await test.step("sign-out in an outage says it could not sign out; the retry afterwards ends every copy of the cookie", async () => {
      const context = await browser.newContext({ baseURL: base });
      contexts.push(context);
      const page = await context.newPage();
      await registerAs(page, FEATURED);
      const cookieOf = async () => (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)?.value;
      const copy = await cookieOf();
      expect(copy).toBeTruthy();
      const opensWatch = async () => (await fetch(`${base}/watch`, { headers: { cookie: `${SESSION_COOKIE}=${copy}`, accept: "text/html" }, redirect: "manual" })).status === 200;

      const signOut = page.getByRole("banner").getByRole("button", { name: "Sign out" });
      await expectRefusedInOutage("Sign out", page, () => signOut, page.getByRole("banner").getByRole("alert").filter({ hasText: "We couldn't sign you out just now, so you are still signed in." }));
      // Told the truth: still on the page, still signed in, with the button to try again.
      expect(new URL(page.url()).pathname).toBe("/watch");
      expect(await cookieOf()).toBe(copy);
      expect(await opensWatch()).toBe(true);

      await signOut.click();
      await page.waitForURL((url) => url.pathname === "/" && url.searchParams.get("reason") === "signed-out");
      expect(await opensWatch(), "a copy of the cookie after the sign-out that succeeded").toBe(false);
      const ended = await sql(databaseUrl, "SELECT id FROM ended_sessions");
      expect(ended).toHaveLength(1);
    });
  } finally {
    await cleanUp([...contexts.map((context) => () => context.close()), () => stopServer(server), () => database.remove()]);
  }
});
