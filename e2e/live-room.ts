import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { SETTLE_MS } from "../components/live-room/use-settled-clicks";
import { pathOf, type EventPlace } from "./events";
import { registerAs, signInAsStaff } from "./fixtures";
import type { StaffRole } from "./staff-accounts";

/** A new attendee in a browser of their own, registered for the event and on its watch page with the live connection up. */
export async function openWatch(browser: Browser, event: EventPlace, label = "viewer") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const attendee = await registerAs(page, event, undefined, label);
  await expectLive(page);
  return { context, page, attendee };
}

/** A staff member in a browser of their own, on one of the event's staff pages with the live connection up. */
export async function openStaff(browser: Browser, role: StaffRole, event: EventPlace, area: "/mod" | "/speaker", options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInAsStaff(page, role);
  await page.goto(pathOf(event, area));
  await expectLive(page);
  return { context, page };
}

export async function expectLive(page: Page) {
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-connection", "connected", { timeout: 10_000 });
}

export async function sendChat(page: Page, text: string) {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByLabel("Message", { exact: true }).press("Enter");
}

export async function askQuestion(page: Page, text: string) {
  await page.getByRole("tab", { name: "Q&A" }).click();
  await page.getByLabel("Ask the speaker").fill(text);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "A moderator will review your question" })).toBeVisible();
}

export const chatMessages = (page: Page) => page.getByTestId("chat-message");
/** Pixels between the bottom of what the chat log shows and the bottom of its content. */
export const distanceFromBottom = (page: Page) => page.getByTestId("chat-log").evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight);
export const questionCard = (within: Page | Locator, text: string) => within.getByTestId("question").filter({ hasText: text });

/** The session cookie of a signed-in browser, as a Cookie header for socket.io-client. */
export async function cookieHeader(context: BrowserContext) {
  const cookies = await context.cookies();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

/**
 * Clicks a moderation button once its card has held still for SETTLE_MS. The
 * live lists ignore a click on a card that has just appeared or moved
 * (components/live-room/use-settled-clicks.ts), as they would a person's, and
 * a test's own moves (an approval slides the cards below it up) are enough to
 * trigger that. In an event of the test's own nothing else moves them, so one
 * click is enough.
 */
export async function clickSettled(button: Locator) {
  await expect(button).toBeVisible();
  let box = await button.boundingBox();
  let stillSince = Date.now();
  await expect
    .poll(
      async () => {
        const now = await button.boundingBox({ timeout: 1_000 }).catch(() => null);
        if (!now || !box || now.x !== box.x || now.y !== box.y) [box, stillSince] = [now, Date.now()];
        return box ? Date.now() - stillSince : 0;
      },
      { timeout: 10_000, intervals: [100] },
    )
    .toBeGreaterThanOrEqual(SETTLE_MS + 100);
  await button.click();
}
