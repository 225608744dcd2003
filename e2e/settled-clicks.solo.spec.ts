import { expect, test } from "@playwright/test";
import { SETTLE_MS } from "../components/live-room/use-settled-clicks";
import { query } from "./database";
import { askQuestion, chatMessages, clickUntil, openStaff, openWatch, questionCard, sendChat } from "./live-room";

// Live lists move under the pointer: when a card is approved, the one below
// slides into its place. A click that lands on a card which moved a moment ago
// was meant for the one that was there, so it is ignored. Solo, so that no
// other spec moves cards during the test.
test("a click that lands on a card which has just slid under the pointer is ignored", async ({ browser }) => {
  test.setTimeout(90_000);
  const asker = await openWatch(browser, "slide-asker");
  const moderator = await openStaff(browser, "moderator", "/mod");
  try {
    const first = `Approve me ${Date.now()}`;
    const second = `Slides up ${Date.now()}`;
    const third = `Chosen by keyboard ${Date.now()}`;
    for (const text of [first, second, third]) await askQuestion(asker.page, text);
    const pending = moderator.page.getByTestId("pending-questions");
    await expect(questionCard(pending, third)).toBeVisible();
    await moderator.page.waitForTimeout(SETTLE_MS);

    // The pointer rests on the first card's Approve button, and clicks it.
    const box = (await questionCard(pending, first).getByRole("button", { name: "Approve" }).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await moderator.page.mouse.click(x, y);
    // The moment the first card leaves, the second has slid up under the pointer…
    await moderator.page.waitForFunction(
      (text) => ![...document.querySelectorAll('[data-testid="pending-questions"] [data-testid="question"]')].some((card) => card.textContent?.includes(text)),
      first,
      { polling: "raf", timeout: 5_000 },
    );
    const underPointer = await moderator.page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.closest('[data-testid="question"]')?.textContent ?? "", [x, y]);
    expect(underPointer).toContain(second);
    // …and a second click there, as in a double click, does not approve it.
    await moderator.page.mouse.click(x, y);
    // The keyboard is another matter: focus stays on the button the person chose, so Enter counts at once.
    await questionCard(pending, third).getByRole("button", { name: "Approve" }).focus();
    await moderator.page.keyboard.press("Enter");
    await expect(questionCard(pending, third)).toHaveCount(0);
    await moderator.page.waitForTimeout(1_000);
    await expect(questionCard(pending, second)).toBeVisible();
    const [row] = await query<{ status: string }>("SELECT status FROM questions WHERE question_text = ?", [second]);
    expect(row.status).toBe("pending");
    const statuses = await query<{ question_text: string; status: string }>("SELECT question_text, status FROM questions WHERE question_text IN (?, ?)", [first, third]);
    expect(statuses.map((question) => question.status)).toEqual(["approved", "approved"]);

    // Once it has settled, the same click approves it.
    await clickUntil(questionCard(pending, second).getByRole("button", { name: "Approve" }), () => expect(questionCard(pending, second)).toHaveCount(0, { timeout: 2_000 }));
  } finally {
    await Promise.all([asker, moderator].map((person) => person.context.close()));
  }
});

test("a Hide click on a chat message that the log has just scrolled under the pointer is ignored", async ({ browser }) => {
  test.setTimeout(90_000);
  const writer = await openWatch(browser, "slide-writer");
  // Enough history that the moderator's log scrolls, and follows the newest message.
  const [me] = await query<{ id: number; name: string }>("SELECT id, name FROM users ORDER BY id DESC LIMIT 1");
  const stamp = Date.now();
  const rows = Array.from({ length: 40 }, (_, index) => [me.id, me.name, `History ${stamp} #${index + 1}`]);
  await query(`INSERT INTO chat_messages (user_id, user_name, message) VALUES ${rows.map(() => "(?, ?, ?)").join(", ")}`, rows.flat());
  const moderator = await openStaff(browser, "moderator", "/mod");
  try {
    const target = `Aimed at ${stamp}`;
    const newcomer = `Arrives just then ${stamp}`;
    await sendChat(writer.page, target);
    const targetHide = chatMessages(moderator.page).filter({ hasText: target }).getByRole("button", { name: /^Hide message from/ });
    await expect(targetHide).toBeVisible();
    await expect.poll(() => moderator.page.getByTestId("chat-log").evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight)).toBeLessThan(48);
    await moderator.page.waitForTimeout(SETTLE_MS);
    const box = (await targetHide.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];

    // A new message arrives; the log follows it, and the next message slides under the pointer.
    await sendChat(writer.page, newcomer);
    await moderator.page.waitForFunction((text) => [...document.querySelectorAll('[data-testid="chat-message"]')].some((message) => message.textContent?.includes(text)), newcomer, { polling: "raf", timeout: 5_000 });
    const underPointer = await moderator.page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.closest('[data-testid="chat-message"]')?.textContent ?? "", [x, y]);
    expect(underPointer).toContain(newcomer);
    await moderator.page.mouse.click(x, y);
    await moderator.page.waitForTimeout(1_000);
    await expect(chatMessages(writer.page).filter({ hasText: newcomer })).toHaveCount(1);
    const [row] = await query<{ is_hidden: number }>("SELECT is_hidden FROM chat_messages WHERE message = ?", [newcomer]);
    expect(Number(row.is_hidden)).toBe(0);
  } finally {
    await Promise.all([writer, moderator].map((person) => person.context.close()));
  }
});

test("on the speaker's screen, a tap on a question that votes have just moved under the finger is ignored", async ({ browser }) => {
  test.setTimeout(90_000);
  // A clean board: earlier specs left approved questions, which would sit between these two.
  await query("UPDATE questions SET status = 'answered' WHERE status = 'approved'");
  const asker = await openWatch(browser, "vote-asker");
  const moderator = await openStaff(browser, "moderator", "/mod");
  const speaker = await openStaff(browser, "speaker", "/speaker");
  try {
    const older = `Asked first ${Date.now()}`;
    const popular = `Voted up ${Date.now()}`;
    for (const text of [older, popular]) {
      await askQuestion(asker.page, text);
      await clickUntil(questionCard(moderator.page.getByTestId("pending-questions"), text).getByRole("button", { name: "Approve" }), () =>
        expect(questionCard(speaker.page, text)).toBeVisible({ timeout: 2_000 }),
      );
    }
    const board = speaker.page.getByTestId("speaker-questions");
    await speaker.page.waitForTimeout(SETTLE_MS);
    // Both have no votes, so the older one is above; the finger rests on its Answered button.
    const box = (await questionCard(board, older).getByRole("button", { name: "Answered" }).boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const isAbove = async (upper: string, lower: string) =>
      speaker.page.evaluate(([a, b]) => {
        const cards = [...document.querySelectorAll('[data-testid="speaker-questions"] [data-testid="question"]')].map((card) => card.textContent ?? "");
        return cards.findIndex((card) => card.includes(a)) < cards.findIndex((card) => card.includes(b));
      }, [upper, lower]);
    expect(await isAbove(older, popular)).toBe(true);

    // An attendee votes for the newer question, and it jumps into the older one's place.
    await questionCard(asker.page, popular).getByRole("button", { name: /^Vote for/ }).click();
    await speaker.page.waitForFunction(
      ([a, b]) => {
        const cards = [...document.querySelectorAll('[data-testid="speaker-questions"] [data-testid="question"]')].map((card) => card.textContent ?? "");
        return cards.findIndex((card) => card.includes(b)) < cards.findIndex((card) => card.includes(a));
      },
      [older, popular],
      { polling: "raf", timeout: 5_000 },
    );
    const underFinger = await speaker.page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.closest('[data-testid="question"]')?.textContent ?? "", [x, y]);
    expect(underFinger).toContain(popular);
    await speaker.page.mouse.click(x, y);
    await speaker.page.waitForTimeout(1_000);
    await expect(questionCard(board, popular)).toBeVisible();
    const [row] = await query<{ status: string }>("SELECT status FROM questions WHERE question_text = ?", [popular]);
    expect(row.status).toBe("approved");
  } finally {
    await Promise.all([asker, moderator, speaker].map((person) => person.context.close()));
  }
});
