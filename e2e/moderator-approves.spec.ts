import { expect } from "@playwright/test";
import { query } from "./database";
import { test } from "./fixtures";
import { askQuestion, chatMessages, clickSettled, openStaff, openWatch, questionCard, sendChat } from "./live-room";

// The whole Q&A lifecycle across several browsers at once: an asker, another
// viewer, a moderator on the event's /mod and a speaker on its /speaker. Each
// test in an event of its own, so they run in parallel with everything else.

test("ask → only moderators and the asker see it; approve → the speaker and every viewer see it", async ({ browser, event }) => {
  const asker = await openWatch(browser, event, "asker");
  const viewer = await openWatch(browser, event, "viewer");
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  const speaker = await openStaff(browser, "speaker", event, "/speaker");
  const text = `What about latency? ${Date.now()}`;

  await askQuestion(asker.page, text);
  await expect(questionCard(moderator.page, text)).toBeVisible();
  await expect(moderator.page.getByTestId("pending-questions")).toContainText(asker.attendee.name);
  await expect(asker.page.getByTestId("my-question").filter({ hasText: text })).toHaveAttribute("data-status", "pending");
  await viewer.page.getByRole("tab", { name: "Q&A" }).click();
  // The moderator already has it, so the broadcast has happened: the others must still not have it.
  await expect(questionCard(viewer.page, text)).toHaveCount(0);
  await expect(questionCard(speaker.page, text)).toHaveCount(0);
  await expect(viewer.page.getByText(text)).toHaveCount(0);

  await clickSettled(questionCard(moderator.page, text).getByRole("button", { name: "Approve" }));
  await expect(questionCard(speaker.page, text)).toBeVisible();
  await expect(questionCard(viewer.page, text)).toBeVisible();
  await expect(asker.page.getByTestId("my-question").filter({ hasText: text })).toHaveAttribute("data-status", "approved");
  await expect(moderator.page.getByTestId("approved-questions")).toContainText(text);
  await expect(moderator.page.getByTestId("pending-questions").getByText(text)).toHaveCount(0);
  const [row] = await query<{ status: string }>("SELECT status FROM questions WHERE question_text = ?", [text]);
  expect(row.status).toBe("approved");

  // Answer from the speaker's screen: it leaves that screen and shows as answered to viewers.
  await clickSettled(questionCard(speaker.page, text).getByRole("button", { name: "Answered" }));
  await expect(questionCard(speaker.page, text)).toHaveCount(0);
  await expect(questionCard(viewer.page, text)).toContainText("Answered");
  await expect(questionCard(viewer.page, text).getByRole("button")).toBeDisabled();
  await expect(moderator.page.getByTestId("approved-questions").getByText(text)).toHaveCount(0);

  await Promise.all([asker, viewer, moderator, speaker].map((person) => person.context.close()));
});

test("reject → the asker sees it rejected and nobody else ever sees it", async ({ browser, event }) => {
  const asker = await openWatch(browser, event, "rejected");
  const viewer = await openWatch(browser, event, "bystander");
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  const speaker = await openStaff(browser, "speaker", event, "/speaker");
  const text = `Off-topic question ${Date.now()}`;

  await askQuestion(asker.page, text);
  await clickSettled(questionCard(moderator.page, text).getByRole("button", { name: "Reject" }));
  await expect(asker.page.getByTestId("my-question").filter({ hasText: text })).toHaveAttribute("data-status", "rejected");
  await expect(asker.page.getByTestId("my-question").filter({ hasText: text })).toContainText("Not approved");
  await expect(moderator.page.getByText(text)).toHaveCount(0);
  await viewer.page.getByRole("tab", { name: "Q&A" }).click();
  await expect(viewer.page.getByText(text)).toHaveCount(0);
  await expect(speaker.page.getByText(text)).toHaveCount(0);

  // After a reload the asker still sees the verdict; the others still see nothing.
  await asker.page.reload();
  await asker.page.getByRole("tab", { name: "Q&A" }).click();
  await expect(asker.page.getByTestId("my-question").filter({ hasText: text })).toHaveAttribute("data-status", "rejected");
  await viewer.page.reload();
  await viewer.page.getByRole("tab", { name: "Q&A" }).click();
  await expect(viewer.page.getByTestId("public-questions").or(viewer.page.getByText("No questions yet"))).toBeVisible();
  await expect(viewer.page.getByText(text)).toHaveCount(0);
  await Promise.all([asker, viewer, moderator, speaker].map((person) => person.context.close()));
});

test("hide → the message disappears for everyone at once, and the row stays flagged", async ({ browser, event }) => {
  const writer = await openWatch(browser, event, "rude");
  const reader = await openWatch(browser, event, "polite");
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  const text = `Something rude ${Date.now()}`;

  await sendChat(writer.page, text);
  await expect(chatMessages(reader.page).filter({ hasText: text })).toHaveCount(1);
  await clickSettled(chatMessages(moderator.page).filter({ hasText: text }).getByRole("button", { name: /^Hide message from/ }));
  await expect(chatMessages(reader.page).filter({ hasText: text })).toHaveCount(0);
  await expect(chatMessages(writer.page).filter({ hasText: text })).toHaveCount(0);
  await expect(chatMessages(moderator.page).filter({ hasText: text })).toHaveCount(0);
  await reader.page.reload();
  await expect(chatMessages(reader.page).first().or(reader.page.getByText("No messages yet"))).toBeVisible();
  await expect(chatMessages(reader.page).filter({ hasText: text })).toHaveCount(0);
  const [row] = await query<{ is_hidden: number; hidden_at: Date | null }>("SELECT is_hidden, hidden_at FROM chat_messages WHERE message = ?", [text]);
  expect(Number(row.is_hidden)).toBe(1);
  expect(row.hidden_at).not.toBeNull();
  await Promise.all([writer, reader, moderator].map((person) => person.context.close()));
});

test("upvotes change the speaker's order; a second vote takes it back", async ({ browser, event }) => {
  const first = await openWatch(browser, event, "voter-one");
  const second = await openWatch(browser, event, "voter-two");
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  const speaker = await openStaff(browser, "speaker", event, "/speaker");
  const older = `Older question ${Date.now()}`;
  const newer = `Newer question ${Date.now()}`;

  await askQuestion(first.page, older);
  await askQuestion(first.page, newer);
  // One at a time: each approval moves the cards below it, and a click on a card that has just moved is ignored.
  for (const text of [older, newer]) {
    await clickSettled(questionCard(moderator.page.getByTestId("pending-questions"), text).getByRole("button", { name: "Approve" }));
    await expect(moderator.page.getByTestId("approved-questions").getByText(text)).toBeVisible();
  }
  const board = speaker.page.getByTestId("speaker-questions").getByTestId("question");
  const positionOf = async (text: string) => (await board.allInnerTexts()).findIndex((card) => card.includes(text));
  await expect(questionCard(speaker.page, newer)).toBeVisible();
  expect(await positionOf(older)).toBeLessThan(await positionOf(newer));

  await second.page.getByRole("tab", { name: "Q&A" }).click();
  for (const voter of [first, second]) await questionCard(voter.page, newer).getByRole("button", { name: /^Vote for/ }).click();
  await expect(questionCard(speaker.page, newer).getByTestId("votes")).toHaveText("2");
  await expect(async () => expect(await positionOf(newer)).toBeLessThan(await positionOf(older))).toPass();
  await expect(questionCard(second.page, newer).getByRole("button", { name: /^Remove your vote/ })).toHaveAttribute("aria-pressed", "true");

  await questionCard(second.page, newer).getByRole("button", { name: /^Remove your vote/ }).click();
  await expect(questionCard(speaker.page, newer).getByTestId("votes")).toHaveText("1");
  await expect(questionCard(first.page, newer).getByTestId("votes")).toHaveText("1");
  const [row] = await query<{ votes: number; voters: number }>(
    "SELECT q.votes, (SELECT COUNT(*) FROM question_votes v WHERE v.question_id = q.id) AS voters FROM questions q WHERE q.question_text = ?",
    [newer],
  );
  expect([Number(row.votes), Number(row.voters)]).toEqual([1, 1]);
  await Promise.all([first, second, moderator, speaker].map((person) => person.context.close()));
});
