import { expect, test } from "@playwright/test";
import { query } from "./database";
import { createEvent } from "./events";

// With no featured event, / lists what is live or coming up. Solo: every other
// spec relies on the featured event, so this one takes the flag away only while
// nothing else runs, and puts it back before it ends.

const FEATURED = "first-event";

test("with no featured event, / lists live and upcoming events (not ended, not archived), each linking to its page", async ({ page }) => {
  // The events other specs made are still live: end them, so the list holds this spec's events (it shows at most 50).
  await query("UPDATE events SET state = 'ended' WHERE state <> 'ended' AND is_featured IS NULL AND archived_at IS NULL");
  const live = await createEvent("Listed live", { state: "live" });
  const soon = await createEvent("Listed soon", { state: "scheduled", startsAt: new Date(Date.now() + 86_400_000) });
  const ended = await createEvent("Listed ended", { state: "ended" });
  const archived = await createEvent("Listed archived", { archived: true });
  const [featured] = await query<{ state: string }>("SELECT state FROM events WHERE slug = ?", [FEATURED]);
  await query("UPDATE events SET is_featured = NULL WHERE slug = ?", [FEATURED]);
  try {
    // The server keeps the featured event in memory for a few seconds (lib/events/find-event.ts).
    await expect(async () => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Events", { timeout: 500 });
    }).toPass({ timeout: 20_000 });
    const list = page.getByTestId("event-list");
    await expect(list.getByRole("link", { name: new RegExp(live.title) })).toHaveAttribute("href", `/e/${live.slug}`);
    await expect(list.getByRole("link", { name: new RegExp(soon.title) })).toHaveAttribute("href", `/e/${soon.slug}`);
    await expect(list.getByRole("link", { name: new RegExp(ended.title) })).toHaveCount(0);
    await expect(list.getByRole("link", { name: new RegExp(archived.title) })).toHaveCount(0);
    // Live first, then by start time.
    const titles = await list.getByRole("link").allInnerTexts();
    expect(titles.findIndex((text) => text.includes(live.title))).toBeLessThan(titles.findIndex((text) => text.includes(soon.title)));

    // /watch has no event to show: it goes home, to the list.
    await page.goto("/watch");
    await expect(page).toHaveURL(/\/$/);

    await page.getByTestId("event-list").getByRole("link", { name: new RegExp(soon.title) }).click();
    await expect(page).toHaveURL(new RegExp(`/e/${soon.slug}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(soon.title);

    // Nothing live or coming up: an empty state that says so.
    // (The first event, no longer featured, is listed too while it is live: it ends here for a moment.)
    await query("UPDATE events SET state = 'ended' WHERE state <> 'ended' AND is_featured IS NULL AND archived_at IS NULL");
    await page.goto("/");
    await expect(page.getByTestId("no-events")).toHaveText(/No events are live or coming up right now\./);
  } finally {
    await query("UPDATE events SET is_featured = true, state = ? WHERE slug = ?", [featured.state, FEATURED]);
    // Back to the featured event's registration before the next spec starts.
    await expect(async () => {
      await page.goto("/");
      await expect(page.getByLabel("Name")).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000 });
  }
});
