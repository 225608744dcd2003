import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test, type Browser } from "@playwright/test";
import { query } from "./database";
import { registerAs, signInAsStaff } from "./fixtures";
import { cookieHeader, expectLive } from "./live-room";
import { createEvent, type TestEvent } from "./events";
import { insertRegistrant } from "./report-data";

// The featured event (made by the migration): its reports keep the seed's /reports address.
const FEATURED = { id: 1, slug: "first-event" };

// Admins browse and export the reports in a real browser, against the real
// server and database. Exact figures on known data are proven in
// test/integration/reports.test.ts; here: URLs, paging, time zones, downloads, access.

/** Thirty attendees sharing a tag, registered for the event at known times, so search and paging have a known answer. */
async function seedTagged(event: TestEvent, tag: string) {
  for (let index = 1; index <= 30; index++) {
    const padded = String(index).padStart(2, "0");
    await insertRegistrant(event.id, { name: `${tag} Person ${padded}`, email: `${tag.toLowerCase()}-${padded}@example.com`, phone: `+1555000${padded}00` }, `2026-11-24 1${index % 10}:30:00.000`);
  }
}

async function adminPage(browser: Browser, timezoneId = "UTC") {
  const context = await browser.newContext({ timezoneId, acceptDownloads: true });
  const page = await context.newPage();
  await signInAsStaff(page, "admin");
  return { context, page };
}

test("search, sort, page size and paging all live in the URL", async ({ browser }) => {
  const tag = `Tag${Date.now()}`;
  const event = await createEvent("Browse");
  await seedTagged(event, tag);
  const { context, page } = await adminPage(browser);
  await page.goto(`/e/${event.slug}/reports`);
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}/reports/users$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reports");
  await expect(page.getByTestId("report-event")).toContainText(event.title);
  await expect(page.getByTestId("summary-registered").locator("dd").first()).toHaveText("30");

  await page.getByLabel("Search name or email").fill(tag);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(page.getByTestId("report-range")).toHaveText("Showing 1–30 of 30");

  await page.getByRole("link", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByTestId("report-table").locator("tbody tr").first()).toContainText(`${tag} Person 01`);

  await page.getByLabel("Rows per page").selectOption("25");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/size=25/);
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(25);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("report-range")).toHaveText("Showing 26–30 of 30");
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(5);

  // The same URL in a fresh tab shows the same page: it can be bookmarked and shared.
  const shared = await context.newPage();
  await shared.goto(page.url());
  await expect(shared.getByTestId("report-table").locator("tbody tr").last()).toContainText(`${tag} Person 30`);

  await page.getByRole("link", { name: /^Name/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page.getByTestId("report-table").locator("tbody tr").first()).toContainText(`${tag} Person 30`);

  await page.getByLabel("Search name or email").fill(`nobody-${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("report-empty")).toHaveText(`No one matches “nobody-${tag}”.`);
  await context.close();
});

test("times show in the viewer's own time zone, named; the CSV keeps UTC", async ({ browser }) => {
  const tag = `Zone${Date.now()}`;
  // Registered for the featured event, whose reports are at /reports.
  await insertRegistrant(FEATURED.id, { name: `${tag} Person`, email: `${tag.toLowerCase()}@example.com`, phone: "5550001234" }, "2026-07-04 16:05:00.000");
  const { context, page } = await adminPage(browser, "America/New_York");
  await page.goto(`/reports/users?q=${tag}`);
  await expect(page.getByTestId("time-zone")).toContainText("Times in America/New_York");
  await expect(page.getByTestId("report-table").locator("tbody tr").first()).toContainText("4 Jul 2026, 12:05");
  const csv = await page.request.get(`/reports/users/export?q=${tag}`);
  expect(await csv.text()).toContain("2026-07-04T16:05:00.000Z");
  // The page's own export names its event, so a CSV fetched after another event is featured is still this one's.
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", new RegExp(`^/e/${FEATURED.slug}/reports/users/export\\?`));
  await context.close();
});

test("Download CSV gives the table as shown, row for row, with a BOM and a name with the event and the time", async ({ browser }) => {
  const tag = `Csv${Date.now()}`;
  const event = await createEvent("Csv");
  await seedTagged(event, tag);
  const { context, page } = await adminPage(browser);
  await page.goto(`/e/${event.slug}/reports/users?q=${tag}&sort=email&dir=desc&size=25`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^podium-${event.slug}-users-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z\\.csv$`));
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records: string[][] = parse(bytes, { bom: true });
  const rows = await query<{ name: string; email: string; phone: string }>(
    "SELECT u.name, u.email, u.phone FROM registrations r JOIN users u ON u.id = r.user_id WHERE r.event_id = ? ORDER BY u.email DESC",
    [event.id],
  );
  expect(records[0]).toEqual(["Name", "Email", "Phone", "Reg Date (UTC)"]);
  // Every row, not just the 25 on screen; phones start with + so they are neutralised.
  expect(records.slice(1).map(([name, email, phone]) => [name, email, phone])).toEqual(rows.map((row) => [row.name, row.email, `'${row.phone}`]));
  await context.close();
});

test("a viewer who watched appears in analytics, per session and per person", async ({ browser }) => {
  const event = await createEvent("Watched");
  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  const viewer = await registerAs(viewerPage, event, undefined, "analytics");
  await expectLive(viewerPage);
  await expect.poll(async () => (await query("SELECT s.id FROM session_analytics s JOIN users u ON u.id = s.user_id WHERE u.email = ?", [viewer.email])).length).toBe(1);

  const { context, page } = await adminPage(browser);
  await page.goto(`/e/${event.slug}/reports/analytics?q=${encodeURIComponent(viewer.email)}`);
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("report-table")).toContainText(viewer.name);
  await expect(page.getByTestId("summary-now").locator("dd").first()).not.toHaveText("0");
  await page.getByRole("link", { name: "Each person" }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}/reports/analytics/people`));
  await page.getByLabel("Search name or email").fill(viewer.email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("report-table").locator("tbody tr").first().locator("td").nth(1)).toHaveText("1");
  await Promise.all([context.close(), viewerContext.close()]);
});

test("exports are for admins only: others get 403, a signed-out request is sent to sign in", async ({ browser, playwright }) => {
  const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
  const other = await createEvent("Locked");
  const exports = [
    ...["/reports", `/e/${FEATURED.slug}/reports`, `/e/${other.slug}/reports`].flatMap((base) => [`${base}/users/export`, `${base}/analytics/export`, `${base}/analytics/people/export`]),
    "/reports/events/export",
    "/reports/events/people/export",
  ];
  for (const role of ["moderator", "speaker"] as const) {
    const context = await browser.newContext();
    await signInAsStaff(await context.newPage(), role);
    for (const path of exports) expect((await context.request.get(path)).status(), `${role} ${path}`).toBe(403);
    await context.close();
  }
  const viewerContext = await browser.newContext();
  await registerAs(await viewerContext.newPage(), other, undefined, "no-export");
  for (const path of exports) expect((await viewerContext.request.get(path)).status()).toBe(403);
  const viewerCookie = await cookieHeader(viewerContext);
  await viewerContext.close();

  const anonymous = await playwright.request.newContext({ baseURL });
  for (const path of exports) {
    const response = await anonymous.get(path, { maxRedirects: 0 });
    expect(response.status()).toBe(303);
    // After signing in, back to the reports the download belongs to: the event's own, or /reports. A relative
    // address, so behind a proxy the browser stays on the host it asked for (not the server's own localhost).
    const reports = /^\/e\/[^/]+\/reports/.exec(path)?.[0] ?? "/reports";
    expect(response.headers().location, path).toMatch(new RegExp(`^/staff\\?reason=signin&next=${encodeURIComponent(reports)}$`));
  }
  // A plain curl with a viewer's cookie is refused the same way.
  const withCookie = await anonymous.get(exports[0], { headers: { cookie: viewerCookie }, maxRedirects: 0 });
  expect(withCookie.status()).toBe(403);
  await anonymous.dispose();
});
