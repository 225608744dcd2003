import { expect, test, type Page } from "@playwright/test";
import { createEvent, type TestEvent } from "./events";
import { expectLive } from "./live-room";
import { fillRegistration, newAttendee } from "./fixtures";

// /watch tells the truth about its event: before the start a countdown and no
// stream, while live the stream, after the end a clear "ended" with Q&A closed
// and chat read-only. Each test has an event of its own, stored in that state.

async function watch(page: Page, event: TestEvent) {
  await page.goto(`/e/${event.slug}`);
  await fillRegistration(page, newAttendee("state"));
  await page.getByRole("button", { name: "Join the event" }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${event.slug}/watch$`), { timeout: 15_000 });
  await expectLive(page);
}

test("before the start: title, description, start time and a live countdown, and no stream", async ({ page }) => {
  const startsAt = new Date(Date.now() + 2 * 86_400_000 + 3 * 3_600_000);
  const event = await createEvent("Upcoming", { state: "scheduled", startsAt });
  await watch(page, event);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(event.title);
  await expect(page.getByText(event.description)).toBeVisible();
  await expect(page.getByTestId("event-state")).toHaveText("Upcoming");
  await expect(page.getByTitle("Live stream")).toHaveCount(0);
  const countdown = page.getByTestId("countdown");
  await expect(countdown).toContainText("Starts in");
  await expect(countdown).toContainText(/02\s*days/);
  // It ticks.
  const shown = await countdown.innerText();
  await expect(countdown).not.toHaveText(shown);
  await expect(page.getByTestId("stage-placeholder").locator("time")).toHaveAttribute("datetime", startsAt.toISOString());
  // Chat and Q&A are open before the start (the organiser may switch them off).
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
  await page.getByRole("tab", { name: "Q&A" }).click();
  await expect(page.getByLabel("Ask the speaker")).toBeVisible();
});

test("while live: the stream", async ({ page }) => {
  const event = await createEvent("Streaming", { state: "live" });
  await watch(page, event);
  await expect(page.getByTitle("Live stream")).toBeVisible();
  await expect(page.getByTestId("event-state")).toHaveText("Live");
  await expect(page.getByTestId("countdown")).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
});

test("after the end: a clear message, Q&A closed and chat read-only", async ({ page }) => {
  const event = await createEvent("Finished", { state: "ended", startsAt: new Date(Date.now() - 3_600_000) });
  await watch(page, event);
  await expect(page.getByText("This event has ended", { exact: true })).toBeVisible();
  await expect(page.getByTestId("event-state")).toHaveText("Ended");
  await expect(page.getByTitle("Live stream")).toHaveCount(0);
  await expect(page.getByTestId("chat-closed")).toHaveText(/This event has ended; its chat is read-only\./);
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);
  await page.getByRole("tab", { name: "Q&A" }).click();
  await expect(page.getByTestId("qa-closed")).toHaveText(/This event has ended; Q&A is closed\./);
  await expect(page.getByLabel("Ask the speaker")).toHaveCount(0);
});

test("chat switched off has no tab", async ({ page }) => {
  await watch(page, await createEvent("Quiet", { isChatOn: false }));
  await expect(page.getByRole("tab")).toHaveText(["Q&A"]);
  await expect(page.getByLabel("Ask the speaker")).toBeVisible();
});

test("Q&A switched off has no tab", async ({ page }) => {
  await watch(page, await createEvent("Chatty", { isQaOn: false }));
  await expect(page.getByRole("tab")).toHaveText(["Chat"]);
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
});

test("both switched off: no tabs, and the sidebar says so", async ({ page }) => {
  await watch(page, await createEvent("Silent", { isChatOn: false, isQaOn: false }));
  await expect(page.getByRole("tab")).toHaveCount(0);
  await expect(page.getByTestId("sidebar-off")).toHaveText("Chat and Q&A are switched off for this event. Enjoy the talk!");
});
