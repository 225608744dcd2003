// Usage: BASE_URL=http://127.0.0.1:3000 STAFF_EMAIL=e STAFF_PASSWORD=p npx tsx scripts/screenshots.ts [out-dir]
// Screenshots of every page at desktop (1280), tablet (820) and phone (390)
// widths in the system Chromium, for looking at the UI before calling it done:
// the featured event's pages, then an event's life (/events, the form, the QR
// code, /watch before, during and after) in an event the script creates and archives.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from "../e2e/chromium";

const baseUrl = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const outDir = process.argv[2] ?? ".screenshots";
const WIDTHS = { desktop: [1280, 800], tablet: [820, 1180], "tablet-landscape": [1180, 820], phone: [390, 844] } as const;

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS });

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true });
}

async function signInAsStaff(page: Page) {
  await page.goto("/staff");
  await page.getByLabel("Email").fill(process.env.STAFF_EMAIL!);
  await page.getByLabel("Password").fill(process.env.STAFF_PASSWORD!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/staff"));
}

/**
 * An event's life at one width: /events, the form (empty, refused, filled), the
 * event's page with its QR code, and an attendee's /watch before, during and
 * after, the organiser pressing Go live and End in the other window. The event
 * is archived at the end, so the list does not fill up with screenshot events.
 */
async function shootEvent(device: string, width: number, height: number) {
  const organiserContext = await browser.newContext({ viewport: { width, height }, baseURL: baseUrl });
  const organiser = await organiserContext.newPage();
  await signInAsStaff(organiser);
  await organiser.goto("/events");
  await organiser.getByText(/^Times in /).first().waitFor();
  await shoot(organiser, `${device}-events`);
  await organiser.goto("/events/new");
  await organiser.getByRole("button", { name: "Create event" }).click();
  await shoot(organiser, `${device}-events-new-errors`);
  // A fresh form for the filled-in picture: the refused one keeps its messages until it is sent again.
  await organiser.goto("/events/new");
  const tag = Date.now().toString(36);
  await organiser.getByLabel("Title").fill(`Screenshot talk ${device} ${tag}`);
  await organiser.getByLabel("Description").fill("How we run live events from one self-hosted install: streams, rooms and reports per talk.");
  const start = new Date(Date.now() + 26 * 3_600_000);
  const local = new Date(start.getTime() - start.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await organiser.getByLabel("Starts at").fill(local);
  await shoot(organiser, `${device}-events-new`);
  await organiser.getByRole("button", { name: "Create event" }).click();
  await organiser.waitForURL(/\/events\/\d+/);
  await organiser.getByTestId("event-qr").waitFor();
  await shoot(organiser, `${device}-event-qr`);
  const slug = /\/e\/([a-z0-9-]+)/.exec((await organiser.getByTestId("attendee-link").getAttribute("href")) ?? "")?.[1];

  const attendeeContext = await browser.newContext({ viewport: { width, height }, baseURL: baseUrl });
  const attendee = await attendeeContext.newPage();
  await attendee.goto(`/e/${slug}`);
  await shoot(attendee, `${device}-event-register`);
  await attendee.getByLabel("Name", { exact: true }).fill("Zoë Screenshot 🎤");
  await attendee.getByLabel("Email", { exact: true }).fill(`shot-${device}-${tag}@example.com`);
  await attendee.getByLabel("Phone", { exact: true }).fill("+1 555 010 2030");
  await attendee.getByRole("button", { name: "Join the event" }).click();
  await attendee.waitForURL(/\/watch$/);
  await attendee.getByTestId("countdown").waitFor();
  await shoot(attendee, `${device}-watch-before`);
  await organiser.getByRole("button", { name: "Go live" }).click();
  await attendee.frameLocator("iframe").locator("main").waitFor();
  await attendee.getByTestId("connection-status").and(attendee.locator("[data-connection=connected]")).waitFor();
  await shoot(attendee, `${device}-watch-during`);
  await organiser.getByRole("button", { name: "End event" }).click();
  await attendee.getByText("This event has ended", { exact: true }).waitFor();
  await shoot(attendee, `${device}-watch-after`);
  await organiser.getByRole("button", { name: "Archive…" }).click();
  await organiser.getByRole("button", { name: "Archive event" }).click();
  await organiser.waitForURL(/\/events(\?|$)/).catch(() => undefined);
  await Promise.all([attendeeContext.close(), organiserContext.close()]);
}

for (const [device, [width, height]] of Object.entries(WIDTHS)) {
  const context = await browser.newContext({ viewport: { width, height }, baseURL: baseUrl });
  const page = await context.newPage();
  await page.goto("/");
  await shoot(page, `${device}-register`);
  await page.getByRole("button", { name: "Join the event" }).click();
  await shoot(page, `${device}-register-errors`);
  await page.goto("/staff?reason=forbidden&next=%2Fmod");
  await shoot(page, `${device}-staff`);
  await page.goto("/");
  await page.getByLabel("Name").fill("Zoë Screenshot 🎤");
  await page.getByLabel("Email").fill(`shot-${device}@example.com`);
  await page.getByLabel("Phone").fill("+1 555 010 2030");
  await page.getByRole("button", { name: "Join the event" }).click();
  await page.waitForURL(/\/watch$/);
  await page.frameLocator("iframe").locator("main").waitFor();
  await page.getByTestId("connection-status").and(page.locator("[data-connection=connected]")).waitFor();
  await shoot(page, `${device}-watch`);
  await page.getByRole("tab", { name: "Q&A" }).click();
  await shoot(page, `${device}-watch-qa`);
  if (process.env.STAFF_EMAIL && process.env.STAFF_PASSWORD) {
    await context.clearCookies();
    await signInAsStaff(page);
    for (const route of ["/mod", "/speaker", "/reports/users", "/reports/analytics", "/reports/analytics/people", "/reports/events", "/reports/events/people"]) {
      await page.goto(route);
      await page.waitForLoadState("networkidle").catch(() => undefined);
      await page.waitForTimeout(500);
      await shoot(page, `${device}-${route.slice(1).replaceAll("/", "-")}`);
    }
  }
  await context.close();
  if (process.env.STAFF_EMAIL && process.env.STAFF_PASSWORD) await shootEvent(device, width, height);
}
await browser.close();
console.log(`Screenshots in ${outDir}/`);
