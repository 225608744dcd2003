import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { registerAs, signInAsStaff } from "./fixtures";
import type { StaffRole } from "./staff-accounts";

/** A new attendee in a browser of their own, on /watch with the live connection up. */
export async function openWatch(browser: Browser, label = "viewer") {
  const context = await browser.newContext();
  const page = await context.newPage();
  const attendee = await registerAs(page, undefined, label);
  await expectLive(page);
  return { context, page, attendee };
}

/** A staff member in a browser of their own, on one of the staff pages with the live connection up. */
export async function openStaff(browser: Browser, role: StaffRole, route: "/mod" | "/speaker", options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signInAsStaff(page, role);
  await page.goto(route);
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
 * Clicks a moderation button until its effect shows. The live lists ignore a
 * click on a card that has just moved (components/live-room/use-settled-clicks.ts),
 * and the other specs share the room, so they can move cards at any moment.
 * Approve, reject, answer and hide are no-ops when repeated, so clicking again is safe.
 */
export async function clickUntil(button: Locator, effect: () => Promise<void>) {
  await expect(async () => {
    if (await button.isVisible()) await button.click({ timeout: 2_000 });
    await effect();
  }).toPass({ timeout: 15_000 });
}
