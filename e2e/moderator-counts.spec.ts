import { expect } from "@playwright/test";
import { test } from "./fixtures";
import { askQuestion, openStaff, openWatch } from "./live-room";

// The dashboard's counts are its event's: in an event of the test's own they
// start at zero and move only with what the test does.

test("the dashboard counts viewers connected and pending questions live", async ({ browser, event }) => {
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  const watching = moderator.page.getByTestId("viewers-connected").locator("strong");
  const pending = moderator.page.getByTestId("pending-count").locator("strong");
  await expect(watching).toHaveText("0");
  await expect(pending).toHaveText("0");
  const viewer = await openWatch(browser, event, "counted");
  await expect(watching).toHaveText("1");
  await askQuestion(viewer.page, `Counted question ${Date.now()}`);
  await expect(pending).toHaveText("1");
  await viewer.context.close();
  await expect(watching).toHaveText("0");
  await moderator.context.close();
});
