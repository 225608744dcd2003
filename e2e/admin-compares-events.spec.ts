import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { signInAsStaff } from "./fixtures";
import { createEvent, register } from "./events";
import { insertRegistrant, insertSession } from "./report-data";

// An admin compares two overlapping events in a real browser: each event's
// reports hold only its own people and minutes, the overview puts the events
// side by side, and the person view adds up each person's minutes per event.
// An archived event leaves the overview but keeps its reports.

const day = (time: string) => `2026-11-24 ${time}:00.000`;

test("each event's reports are its own; the overview compares events and the person view gives minutes in each", async ({ browser }) => {
  // One admin's whole journey through some twenty pages: longer than one test's default minute on a busy machine.
  test.setTimeout(150_000);
  const run = Date.now().toString(36);
  const keynote = await createEvent(`Keynote${run}`, { startsAt: day("10:00"), endsAt: day("11:00") });
  const workshop = await createEvent(`Workshop${run}`, { startsAt: day("10:30"), endsAt: day("12:00") });
  const retired = await createEvent(`Retired${run}`, { state: "ended", archived: true });
  const person = (label: string) => ({ name: `${label} ${run}`, email: `${label.toLowerCase()}-${run}@example.com`, phone: "5550104242" });

  // Both events overlap in time, and one person watches both at once.
  const both = await insertRegistrant(keynote.id, person("Both"), day("08:00"));
  await register(workshop, [both], day("08:30"));
  await register(retired, [both], "2026-01-01 08:00:00.000");
  const keynoteOnly = await insertRegistrant(keynote.id, person("KeynoteOnly"), day("08:10"));
  const workshopOnly = await insertRegistrant(workshop.id, person("WorkshopOnly"), day("08:20"));
  await insertSession(keynote.id, both, day("10:00"), day("10:40"), 40);
  await insertSession(keynote.id, keynoteOnly, day("10:10"), day("10:30"), 20);
  await insertSession(workshop.id, both, day("10:30"), day("11:00"), 30);
  await insertSession(workshop.id, workshopOnly, day("10:35"), day("10:45"), 10);
  await insertSession(retired.id, both, "2026-01-01 10:00:00.000", "2026-01-01 10:50:00.000", 50);

  const context = await browser.newContext({ timezoneId: "UTC", acceptDownloads: true });
  const page = await context.newPage();
  await signInAsStaff(page, "admin");

  // The overview: the two listed events, newest start first, each with its own figures.
  await page.goto(`/reports/events?q=${run}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reports: all events");
  const rows = page.getByTestId("report-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  const figures = (index: number) => rows.nth(index).locator("td").evaluateAll((cells) => cells.slice(2).map((cell) => cell.textContent));
  await expect(rows.nth(0)).toContainText(workshop.title);
  expect(await figures(0)).toEqual(["2", "2", "40", "20 min", "2"]);
  await expect(rows.nth(1)).toContainText(keynote.title);
  expect(await figures(1)).toEqual(["2", "2", "60", "30 min", "2"]);
  await expect(rows.nth(1)).toContainText("24 Nov 2026, 10:00–11:00");
  const overviewCsv: string[][] = parse(await (await page.request.get(`/reports/events/export?q=${run}`)).body(), { bom: true });
  expect(overviewCsv.slice(1).map((record) => [record[1], ...record.slice(5)])).toEqual([
    [workshop.slug, "2", "2", "40", "20", "2"],
    [keynote.slug, "2", "2", "60", "30", "2"],
  ]);

  // One event's reports: its people and sessions only.
  await rows.nth(1).getByRole("link", { name: keynote.title }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${keynote.slug}/reports/users$`));
  await expect(page.getByTestId("summary-registered").locator("dd").first()).toHaveText("2");
  await expect(page.getByTestId("summary-minutes").locator("dd").first()).toHaveText("60");
  await expect(page.getByTestId("summary-peak").locator("dd").first()).toHaveText("2");
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("report-table")).not.toContainText("WorkshopOnly");
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${keynote.slug}/reports/analytics$`));
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(2);
  await page.getByRole("link", { name: "Each person" }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${keynote.slug}/reports/analytics/people$`));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^podium-${keynote.slug}-people-\\d{4}-`));
  const keynoteCsv: string[][] = parse(readFileSync((await download.path())!), { bom: true });
  expect(keynoteCsv.slice(1).map((record) => [record[1], record[5]])).toEqual([
    [`both-${run}@example.com`, "40"],
    [`keynoteonly-${run}@example.com`, "20"],
  ]);

  // Back to the overview, then each person across events.
  await page.getByRole("link", { name: "All events" }).click();
  await expect(page).toHaveURL(/\/reports\/events$/);
  await page.getByRole("link", { name: "Each person" }).click();
  await expect(page).toHaveURL(/\/reports\/events\/people$/);
  await page.getByLabel("Search name or email").fill(run);
  await page.getByRole("button", { name: "Search" }).click();
  const people = page.getByTestId("report-table").locator("tbody tr");
  await expect(people).toHaveCount(3);
  await expect(people.nth(0).locator("td").nth(2)).toHaveText("2");
  await expect(people.nth(0).locator("td").nth(3)).toHaveText("70");
  await expect(people.nth(0).locator("li")).toHaveText([`${keynote.title} 40 min`, `${workshop.title} 30 min`]);
  const [peopleDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
  expect(peopleDownload.suggestedFilename()).toMatch(/^podium-events-people-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.csv$/);
  const peopleCsv: string[][] = parse(readFileSync((await peopleDownload.path())!), { bom: true });
  expect(peopleCsv[1]).toEqual([`Both ${run}`, `both-${run}@example.com`, "2", "70", `${keynote.slug}: 40; ${workshop.slug}: 30`]);
  // Each event's name in the list opens that person's row in that event's report.
  await people.nth(0).getByRole("link", { name: workshop.title }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${workshop.slug}/reports/analytics/people\\?q=both-${run}`));
  await expect(page.getByTestId("report-table").locator("tbody tr")).toHaveCount(1);

  // The archived event: not in the overview, its reports still open; an unknown one is 404.
  await page.goto(`/reports/events?q=${retired.slug}`);
  await expect(page.getByTestId("report-empty")).toHaveText(`No event matches “${retired.slug}”.`);
  await page.goto(`/e/${retired.slug}/reports/analytics`);
  await expect(page.getByTestId("report-event")).toContainText("Archived");
  await expect(page.getByTestId("summary-minutes").locator("dd").first()).toHaveText("50");
  expect((await page.goto(`/e/no-such-${run}/reports/users`))?.status()).toBe(404);
  await context.close();
});
