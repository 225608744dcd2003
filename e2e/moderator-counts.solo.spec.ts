import { expect, test, type Page } from "@playwright/test";
import { askQuestion, openStaff, openWatch } from "./live-room";

// A ".solo" spec: it runs after every other spec has finished (see
// playwright.config.ts), because the counts it checks are server-wide.

/** The dashboard's "watching now" once it has stopped moving (earlier specs' tabs may still be timing out). */
async function settledWatching(page: Page): Promise<number> {
  const read = async () => Number(await page.getByTestId("viewers-connected").locator("strong").innerText());
  let value = await read();
  let stableSince = Date.now();
  for (let attempt = 0; attempt < 120 && Date.now() - stableSince < 3_000; attempt++) {
    await page.waitForTimeout(250);
    const next = await read();
    if (next !== value) [value, stableSince] = [next, Date.now()];
  }
  return value;
}

test("the dashboard counts viewers connected and pending questions live", async ({ browser }) => {
  test.setTimeout(90_000);
  const moderator = await openStaff(browser, "moderator", "/mod");
  const watching = moderator.page.getByTestId("viewers-connected").locator("strong");
  await expect(watching).toHaveText(/^\d+$/);
  const before = await settledWatching(moderator.page);
  const viewer = await openWatch(browser, "counted");
  await expect(watching).toHaveText(String(before + 1));
  const pendingBefore = Number(await moderator.page.getByTestId("pending-count").locator("strong").innerText());
  await askQuestion(viewer.page, `Counted question ${Date.now()}`);
  await expect(moderator.page.getByTestId("pending-count").locator("strong")).toHaveText(String(pendingBefore + 1));
  await viewer.context.close();
  await expect(watching).toHaveText(String(before));
  await moderator.context.close();
});
