import { expect, type Browser, type Page } from "@playwright/test";
import { MOVED_MESSAGE, SETTLE_MS } from "../components/live-room/use-settled-clicks";
import { query } from "./database";
import type { TestEvent } from "./events";
import { test } from "./fixtures";
import { askQuestion, chatMessages, clickSettled, distanceFromBottom, openStaff, openWatch, questionCard, sendChat } from "./live-room";
import { postChatThroughServer } from "./room-client";

// Live lists move under the pointer: when a card is approved the one below
// slides into its place, votes reorder the speaker's screen, new messages
// scroll the chat. A click that lands on an item which moved a moment ago was
// meant for the one that was there, so it is ignored, and the page says so.
// Each test in an event of its own, so nothing but the test moves its cards.
// Still solo: each test clicks within SETTLE_MS (600 ms) of a move the page
// made, and a CPU busy with other specs' browsers sees the move too late to
// promise that.

const CARD = '[data-testid="question"], [data-testid="chat-message"]';

/** Notes in the page when each click happens, on the same clock as `markMoved`. */
async function recordClicks(page: Page) {
  await page.evaluate(() => {
    const clicks: number[] = [];
    (window as unknown as { podiumClicks: number[] }).podiumClicks = clicks;
    document.addEventListener("click", (event) => clicks.push(event.timeStamp), true);
  });
}

/** Where an item shows after a move: among the cards a selector finds ("somewhere"), first of them, or gone from them. */
type Move = { selector: string; text: string; where: "somewhere" | "first" | "gone" };

/**
 * Waits, frame by frame, until the move has happened in the page, and notes
 * when. (A predicate function, not a string: the page's Content-Security-Policy
 * refuses eval, Playwright's string predicates included.)
 */
async function markMoved(page: Page, move: Move) {
  await page.waitForFunction(
    ({ selector, text, where }) => {
      const texts = [...document.querySelectorAll(selector)].map((item) => item.textContent ?? "");
      const isMoved = where === "first" ? (texts[0] ?? "").includes(text) : texts.some((item) => item.includes(text)) === (where === "somewhere");
      if (!isMoved) return false;
      (window as unknown as { podiumMovedAt: number }).podiumMovedAt = performance.now();
      return true;
    },
    move,
    { polling: "raf", timeout: 5_000 },
  );
}

/** The last click came within SETTLE_MS of the move: otherwise the test proves nothing either way. */
async function expectLastClickWithinSettle(page: Page) {
  const gap = await page.evaluate(() => {
    const state = window as unknown as { podiumClicks: number[]; podiumMovedAt: number };
    return state.podiumClicks.at(-1)! - state.podiumMovedAt;
  });
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(SETTLE_MS);
}

/** The button and the card under a point, as text. */
const underPoint = (page: Page, x: number, y: number) =>
  page.evaluate(
    ([px, py, card]) => {
      const element = document.elementFromPoint(px, py);
      return { button: element?.closest("button")?.textContent ?? "", card: element?.closest(card)?.textContent ?? "" };
    },
    [x, y, CARD] as const,
  );

test("a click that lands on a card which has just slid under the pointer is ignored, and the moderator is told", async ({ browser, event }) => {
  test.setTimeout(90_000);
  const asker = await openWatch(browser, event, "slide-asker");
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  try {
    const [first, second, third] = ["Approve me", "Slides up", "Chosen by keyboard"].map((text) => `${text} ${Date.now()}`);
    for (const text of [first, second, third]) await askQuestion(asker.page, text);
    const pending = moderator.page.getByTestId("pending-questions");
    await expect(questionCard(pending, third)).toBeVisible();
    await moderator.page.waitForTimeout(SETTLE_MS);
    await recordClicks(moderator.page);

    // The pointer rests on the first card's Approve button, and clicks it.
    const approveFirst = questionCard(pending, first).getByRole("button", { name: "Approve" });
    await approveFirst.scrollIntoViewIfNeeded();
    const box = (await approveFirst.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await moderator.page.mouse.click(x, y);
    // The moment the first card leaves, the second has slid up under the pointer…
    await markMoved(moderator.page, { selector: '[data-testid="pending-questions"] [data-testid="question"]', text: first, where: "gone" });
    // …so a second click there, as in a double click, lands on its Approve button, and is ignored.
    await moderator.page.mouse.click(x, y);
    await expectLastClickWithinSettle(moderator.page);
    await expect(moderator.page.getByRole("alert").filter({ hasText: MOVED_MESSAGE })).toBeVisible();
    // The keyboard is another matter: focus stays on the button the person chose, so Enter counts at once.
    await questionCard(pending, third).getByRole("button", { name: "Approve" }).focus();
    await moderator.page.keyboard.press("Enter");
    await expectLastClickWithinSettle(moderator.page);
    expect(await underPoint(moderator.page, x, y)).toEqual({ button: "Approve", card: expect.stringContaining(second) });
    await expect(questionCard(pending, third)).toHaveCount(0);
    await moderator.page.waitForTimeout(1_000);
    await expect(questionCard(pending, second)).toBeVisible();
    const statuses = await query<{ question_text: string; status: string }>("SELECT question_text, status FROM questions WHERE question_text IN (?, ?, ?) ORDER BY id", [first, second, third]);
    expect(statuses.map((question) => question.status)).toEqual(["approved", "pending", "approved"]);

    // Once it has settled, one click approves it, and the notice goes away.
    await questionCard(pending, second).getByRole("button", { name: "Approve" }).click();
    await expect(questionCard(pending, second)).toHaveCount(0);
    await expect(moderator.page.getByText(MOVED_MESSAGE)).toHaveCount(0);
  } finally {
    await Promise.all([asker, moderator].map((person) => person.context.close()));
  }
});

/** A writer on /watch and a moderator on /mod, with forty messages of history so the moderator's log scrolls and follows the newest. */
async function openBusyChat(browser: Browser, event: TestEvent, label: string) {
  const writer = await openWatch(browser, event, label);
  await postChatThroughServer(event, Array.from({ length: 40 }, (_, index) => `History ${Date.now()} #${index + 1}`));
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  return { writer, moderator };
}

const hiddenFlag = async (text: string) => Number((await query<{ is_hidden: number }>("SELECT is_hidden FROM chat_messages WHERE message = ?", [text]))[0].is_hidden);

test("a Hide click on a chat message that the log has just scrolled under the pointer is ignored", async ({ browser, event }) => {
  test.setTimeout(90_000);
  const { writer, moderator } = await openBusyChat(browser, event, "slide-writer");
  try {
    const target = `Aimed at ${Date.now()}`;
    const newcomer = `Arrives just then ${Date.now()}`;
    await sendChat(writer.page, target);
    const targetHide = chatMessages(moderator.page).filter({ hasText: target }).getByRole("button", { name: /^Hide message from/ });
    await expect(targetHide).toBeVisible();
    await expect.poll(() => distanceFromBottom(moderator.page)).toBeLessThan(48);
    await moderator.page.waitForTimeout(SETTLE_MS);
    await recordClicks(moderator.page);
    // The pointer is on its way, not yet over the log, so the log keeps following.
    const box = (await targetHide.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];

    await sendChat(writer.page, newcomer);
    await markMoved(moderator.page, { selector: '[data-testid="chat-message"]', text: newcomer, where: "somewhere" });
    expect(await underPoint(moderator.page, x, y)).toEqual({ button: "Hide", card: expect.stringContaining(newcomer) });
    await moderator.page.mouse.click(x, y);
    await expectLastClickWithinSettle(moderator.page);
    await expect(moderator.page.getByRole("alert").filter({ hasText: MOVED_MESSAGE })).toBeVisible();
    await moderator.page.waitForTimeout(1_000);
    await expect(chatMessages(writer.page).filter({ hasText: newcomer })).toHaveCount(1);
    expect(await hiddenFlag(newcomer)).toBe(0);
  } finally {
    await Promise.all([writer, moderator].map((person) => person.context.close()));
  }
});

test("the chat holds still while the mouse rests on it, so Hide hits the message it was aimed at", async ({ browser, event }) => {
  test.setTimeout(90_000);
  const { writer, moderator } = await openBusyChat(browser, event, "still-writer");
  try {
    const target = `Rude one ${Date.now()}`;
    const newcomer = `Polite one ${Date.now()}`;
    await sendChat(writer.page, target);
    const targetHide = chatMessages(moderator.page).filter({ hasText: target }).getByRole("button", { name: /^Hide message from/ });
    await expect(targetHide).toBeVisible();
    await expect.poll(() => distanceFromBottom(moderator.page)).toBeLessThan(48);
    await moderator.page.waitForTimeout(SETTLE_MS);
    const box = (await targetHide.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await moderator.page.mouse.move(x, y);

    await sendChat(writer.page, newcomer);
    await expect(chatMessages(moderator.page).filter({ hasText: newcomer })).toHaveCount(1);
    await expect(moderator.page.getByRole("status").filter({ hasText: "Paused while your pointer is on the chat" })).toBeVisible();
    expect(await underPoint(moderator.page, x, y)).toEqual({ button: "Hide", card: expect.stringContaining(target) });
    await moderator.page.mouse.click(x, y);
    await expect(chatMessages(writer.page).filter({ hasText: target })).toHaveCount(0);
    expect([await hiddenFlag(target), await hiddenFlag(newcomer)]).toEqual([1, 0]);

    // The pointer leaves: the log catches up with the newest message.
    await moderator.page.mouse.move(1, 1);
    await expect.poll(() => distanceFromBottom(moderator.page)).toBeLessThan(48);
    await expect(chatMessages(moderator.page).last()).toContainText(newcomer);
  } finally {
    await Promise.all([writer, moderator].map((person) => person.context.close()));
  }
});

test("on the speaker's tablet, a tap on a question that votes have just moved under the finger is ignored", async ({ browser, event }) => {
  test.setTimeout(90_000);
  const asker = await openWatch(browser, event, "vote-asker");
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  const speaker = await openStaff(browser, "speaker", event, "/speaker", { hasTouch: true, isMobile: true, viewport: { width: 1180, height: 820 } });
  try {
    const older = `Asked first ${Date.now()}`;
    const popular = `Voted up ${Date.now()}`;
    for (const text of [older, popular]) {
      await askQuestion(asker.page, text);
      await clickSettled(questionCard(moderator.page.getByTestId("pending-questions"), text).getByRole("button", { name: "Approve" }));
      await expect(questionCard(speaker.page, text)).toBeVisible();
    }
    const board = speaker.page.getByTestId("speaker-questions");
    await speaker.page.waitForTimeout(SETTLE_MS);
    await recordClicks(speaker.page);
    // Both have no votes, so the older one is on top; the finger is over its Answered button.
    const box = (await questionCard(board, older).getByRole("button", { name: "Answered" }).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    expect(await underPoint(speaker.page, x, y)).toEqual({ button: "Answered", card: expect.stringContaining(older) });

    // An attendee votes for the newer question, and it jumps into the older one's place.
    await questionCard(asker.page, popular).getByRole("button", { name: /^Vote for/ }).click();
    await markMoved(speaker.page, { selector: '[data-testid="speaker-questions"] [data-testid="question"]', text: popular, where: "first" });
    expect(await underPoint(speaker.page, x, y)).toEqual({ button: "Answered", card: expect.stringContaining(popular) });
    await speaker.page.touchscreen.tap(x, y);
    await expectLastClickWithinSettle(speaker.page);
    await expect(speaker.page.getByRole("alert").filter({ hasText: MOVED_MESSAGE })).toBeVisible();
    await speaker.page.waitForTimeout(1_000);
    await expect(questionCard(board, popular)).toBeVisible();
    const [row] = await query<{ status: string }>("SELECT status FROM questions WHERE question_text = ?", [popular]);
    expect(row.status).toBe("approved");

    // Once settled, the same tap marks it answered.
    await speaker.page.touchscreen.tap(x, y);
    await expect(questionCard(board, popular)).toHaveCount(0);
  } finally {
    await Promise.all([asker, moderator, speaker].map((person) => person.context.close()));
  }
});
