import { expect, test, type Browser, type Page } from "@playwright/test";
import { createEvent, type TestEvent } from "./events";
import { askQuestion, chatMessages, clickSettled, openStaff, openWatch, questionCard, sendChat } from "./live-room";

// Two events live at the same time, in real browsers: each has its viewers on
// /e/<slug>/watch and a moderator on /e/<slug>/mod. What happens in one never
// shows on the other's pages, and each dashboard counts its own audience.
// (e2e/two-events.spec.ts checks the same over the socket contract.)

async function openRoom(browser: Browser, event: TestEvent, viewers: number) {
  const watchers: Awaited<ReturnType<typeof openWatch>>[] = [];
  for (let index = 0; index < viewers; index++) watchers.push(await openWatch(browser, event, `${event.slug}-viewer`));
  const moderator = await openStaff(browser, "moderator", event, "/mod");
  return { event, watchers, moderator, contexts: () => [...watchers, moderator].map((person) => person.context) };
}

test("chat, questions and 'watching' counts stay on their own event's pages", async ({ browser }) => {
  test.setTimeout(120_000);
  const [first, second] = await Promise.all([createEvent("first-talk"), createEvent("second-talk")]);
  const one = await openRoom(browser, first, 2);
  const two = await openRoom(browser, second, 1);
  try {
    // Each dashboard counts its own event's viewers: two here, one there.
    const watching = (room: typeof one) => room.moderator.page.getByTestId("viewers-connected").locator("strong");
    await expect(watching(one)).toHaveText("2");
    await expect(watching(two)).toHaveText("1");

    // Chat: each event's message reaches its own pages, and only those.
    const [chatOne, chatTwo] = [`In the first talk ${Date.now()}`, `In the second talk ${Date.now()}`];
    await sendChat(one.watchers[0].page, chatOne);
    await sendChat(two.watchers[0].page, chatTwo);
    for (const page of [one.watchers[1].page, one.moderator.page]) await expect(chatMessages(page).filter({ hasText: chatOne })).toHaveCount(1);
    for (const page of [two.watchers[0].page, two.moderator.page]) await expect(chatMessages(page).filter({ hasText: chatTwo })).toHaveCount(1);

    // A question asked and approved in each: the other event's moderator and viewers never see it.
    const [questionOne, questionTwo] = [`Asked in the first ${Date.now()}?`, `Asked in the second ${Date.now()}?`];
    await askQuestion(one.watchers[0].page, questionOne);
    await askQuestion(two.watchers[0].page, questionTwo);
    await clickSettled(questionCard(one.moderator.page.getByTestId("pending-questions"), questionOne).getByRole("button", { name: "Approve" }));
    await clickSettled(questionCard(two.moderator.page.getByTestId("pending-questions"), questionTwo).getByRole("button", { name: "Approve" }));
    await one.watchers[1].page.getByRole("tab", { name: "Q&A" }).click();
    await expect(questionCard(one.watchers[1].page, questionOne)).toBeVisible();
    await expect(questionCard(one.moderator.page.getByTestId("approved-questions"), questionOne)).toBeVisible();
    await expect(questionCard(two.watchers[0].page, questionTwo)).toBeVisible();
    await expect(questionCard(two.moderator.page.getByTestId("approved-questions"), questionTwo)).toBeVisible();

    // Everything of each event has arrived on its own pages by now, so anything of the other's would have too.
    // Viewers are looked at on both tabs; a dashboard shows chat and questions side by side.
    const expectNoneOf = async (page: Page, texts: string[], isViewer: boolean) => {
      for (const tab of isViewer ? ["Chat", "Q&A"] : [null]) {
        if (tab) await page.getByRole("tab", { name: tab }).click();
        for (const text of texts) await expect(page.getByText(text), `${text} on ${page.url()}`).toHaveCount(0);
      }
    };
    for (const { page } of one.watchers) await expectNoneOf(page, [chatTwo, questionTwo], true);
    await expectNoneOf(one.moderator.page, [chatTwo, questionTwo], false);
    await expectNoneOf(two.watchers[0].page, [chatOne, questionOne], true);
    await expectNoneOf(two.moderator.page, [chatOne, questionOne], false);
    // The chat tab still shows the event's own message, so the look above was at a real list.
    await one.watchers[1].page.getByRole("tab", { name: "Chat" }).click();
    await expect(chatMessages(one.watchers[1].page).filter({ hasText: chatOne })).toHaveCount(1);

    // A viewer of the second leaves: only the second's count moves.
    await two.watchers[0].context.close();
    await expect(watching(two)).toHaveText("0");
    await expect(watching(one)).toHaveText("2");
  } finally {
    await Promise.all([...one.contexts(), ...two.contexts()].map((context) => context.close()));
  }
});
