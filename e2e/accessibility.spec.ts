import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { createAttendee, pathOf } from "./events";
import { signInAsStaff, test } from "./fixtures";
import { askQuestion, chatMessages, openStaff, openWatch, sendChat } from "./live-room";
import { insertSession } from "./report-data";

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length})`)).toEqual([]);
}

test("/ has no serious or critical accessibility violation, with and without errors shown", async ({ page }) => {
  await page.goto("/");
  await expectNoSeriousViolations(page);
  await page.getByRole("button", { name: "Join the event" }).click();
  await expect(page.getByRole("main").getByRole("alert").first()).toBeVisible();
  await expectNoSeriousViolations(page);
});

test("/staff has no serious or critical accessibility violation, with and without errors shown", async ({ page }) => {
  await page.goto("/staff?reason=forbidden&next=%2Fmod");
  await expectNoSeriousViolations(page);
  await page.getByLabel("Email").fill("nobody@podium.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert").last()).toBeVisible();
  await expectNoSeriousViolations(page);
});

// The registration form and the reports are read at the seed's routes (/, /reports); the live pages
// in an event of each test's own, so the chat and questions they show are the test's alone.
test("/watch, on the Q&A and Chat tabs, has no serious or critical accessibility violation", async ({ browser, event }) => {
  const viewer = await openWatch(browser, event, "axe");
  await sendChat(viewer.page, "Accessibility check 👋");
  await askQuestion(viewer.page, `Is this accessible? ${Date.now()}`);
  await expectNoSeriousViolations(viewer.page);
  await viewer.page.getByRole("tab", { name: "Chat" }).click();
  await expect(chatMessages(viewer.page).first()).toBeVisible();
  await expectNoSeriousViolations(viewer.page);
  await viewer.context.close();
});

for (const [role, route] of [["moderator", "/mod"], ["speaker", "/speaker"]] as const) {
  test(`${route} has no serious or critical accessibility violation`, async ({ browser, event }) => {
    const staff = await openStaff(browser, role, event, route);
    await expectNoSeriousViolations(staff.page);
    await staff.context.close();
  });
}

for (const route of ["/reports/users", "/reports/analytics", "/reports/analytics/people", "/reports/users?q=nobody-matches-this"]) {
  test(`${route} has no serious or critical accessibility violation`, async ({ page }) => {
    await signInAsStaff(page, "admin");
    await page.goto(route);
    await expectNoSeriousViolations(page);
  });
}

test("the viewers-over-time numbers table has no serious or critical accessibility violation", async ({ page, event }) => {
  // Someone watched the event, so its chart has numbers to show.
  const viewer = await createAttendee([event]);
  await insertSession(event.id, viewer.id, "2026-11-24 10:00:00.000", "2026-11-24 10:30:00.000", 30);
  await signInAsStaff(page, "admin");
  await page.goto(`${pathOf(event, "/reports")}/analytics`);
  await page.getByText("Show the numbers").click();
  await expectNoSeriousViolations(page);
});

test("keyboard alone can register", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Name")).toBeFocused();
  await page.keyboard.type("Keyboard Person");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`keys-${Date.now()}@example.com`);
  await page.keyboard.press("Tab");
  await page.keyboard.type("555 123 4567");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/watch$/);
});
