import { expect, test, type Browser, type Page } from "@playwright/test";
import { createEvent, type TestEvent } from "./events";
import { signInAsStaff } from "./fixtures";
import { chatMessages, expectLive, openWatch, sendChat } from "./live-room";

// An organiser runs an event live from /events/<id> while an attendee has its
// watch page open. Every change reaches the open page at once, without a
// reload: the page carries a marker from before the first change, which a
// reload (or a navigation) would wipe.

type MarkedWindow = Window & { podiumMarker?: string };

async function markPage(page: Page) {
  await page.evaluate(() => ((window as MarkedWindow).podiumMarker = "set before the organiser acted"));
}

async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as MarkedWindow).podiumMarker)).toBe("set before the organiser acted");
}

/** An admin on the event's page at /events/<id>, once it shows times in the browser's zone (it reloads itself once to learn it). */
async function openOrganiser(browser: Browser, event: TestEvent) {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await signInAsStaff(page, "admin");
  await page.goto(`/events/${event.id}`);
  await expect(page.getByText("Times in Asia/Tokyo").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: event.title })).toBeVisible();
  return { context, page };
}

async function saveSwitch(organiser: Page, label: "Chat on" | "Q&A on", isOn: boolean) {
  await organiser.getByLabel(label).setChecked(isOn);
  await organiser.getByRole("button", { name: "Save changes" }).click();
  await expect(organiser.getByText("Changes saved.")).toBeVisible();
  await expect(organiser.getByLabel(label)).toBeChecked({ checked: isOn });
}

test("Go live, chat off and on, and End event reach an open watch page live, without a reload", async ({ browser }) => {
  test.setTimeout(90_000);
  const event = await createEvent("run-live", { state: "scheduled", startsAt: new Date(Date.now() + 2 * 3_600_000) });
  const attendee = await openWatch(browser, event, "countdown");
  const watch = attendee.page;
  const organiser = await openOrganiser(browser, event);
  try {
    // Before: the countdown, no stream.
    await expect(watch.getByTestId("event-state")).toHaveText("Upcoming");
    await expect(watch.getByTestId("countdown")).toContainText("Starts in");
    await expect(watch.getByTitle("Live stream")).toHaveCount(0);
    // When the page hears the event went live and when it sends its first heartbeat, over its socket (a new one, so reload).
    const heard: { liveAt?: number; firstPingAt?: number } = {};
    watch.on("websocket", (socket) => {
      socket.on("framereceived", ({ payload }) => {
        if (String(payload).startsWith('42["event",') && String(payload).includes('"state":"live"')) heard.liveAt ??= Date.now();
      });
      socket.on("framesent", ({ payload }) => {
        if (/^42\d*\["ping"/.test(String(payload))) heard.firstPingAt ??= Date.now();
      });
    });
    await watch.reload();
    await expectLive(watch);
    await markPage(watch);

    // Go live: the open page switches to the stream.
    await organiser.page.getByRole("button", { name: "Go live" }).click();
    await expect(organiser.page.getByText("The event is live.")).toBeVisible();
    await expect(watch.getByTitle("Live stream")).toBeVisible();
    await expect(watch.getByTestId("event-state")).toHaveText("Live");
    await expect(watch.getByTestId("countdown")).toHaveCount(0);
    await expectNotReloaded(watch);
    // Its first heartbeat goes at once, not an interval (2 s here) later: the viewing session opens as the event goes live.
    await expect.poll(() => heard.firstPingAt).toBeDefined();
    expect(heard.firstPingAt! - heard.liveAt!).toBeLessThan(1_000);
    // The live room carries on through the change: a message still goes out and comes back.
    const text = `Said while live ${Date.now()}`;
    await sendChat(watch, text);
    await expect(chatMessages(watch).filter({ hasText: text })).toHaveCount(1);

    // Chat switched off in the edit form: its tab goes; switched back on, it returns with its history.
    await saveSwitch(organiser.page, "Chat on", false);
    await expect(watch.getByRole("tab")).toHaveText(["Q&A"]);
    await expect(watch.getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);
    await saveSwitch(organiser.page, "Chat on", true);
    await expect(watch.getByRole("tab")).toHaveText(["Chat", "Q&A"]);
    await watch.getByRole("tab", { name: "Chat" }).click();
    await expect(watch.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
    await expect(chatMessages(watch).filter({ hasText: text })).toHaveCount(1);
    await expectNotReloaded(watch);

    // End event: the ended notice, chat read-only, the ask form gone.
    await organiser.page.getByRole("button", { name: "End event" }).click();
    await expect(organiser.page.getByText("The event has ended.")).toBeVisible();
    await expect(watch.getByText("This event has ended", { exact: true })).toBeVisible();
    await expect(watch.getByTestId("event-state")).toHaveText("Ended");
    await expect(watch.getByTitle("Live stream")).toHaveCount(0);
    await expect(watch.getByTestId("chat-closed")).toHaveText(/This event has ended; its chat is read-only\./);
    await expect(watch.getByRole("textbox", { name: "Message", exact: true })).toHaveCount(0);
    await expect(chatMessages(watch).filter({ hasText: text })).toHaveCount(1);
    await watch.getByRole("tab", { name: "Q&A" }).click();
    await expect(watch.getByTestId("qa-closed")).toHaveText(/This event has ended; Q&A is closed\./);
    await expect(watch.getByLabel("Ask the speaker")).toHaveCount(0);
    await expectNotReloaded(watch);
    await expectLive(watch);
  } finally {
    await Promise.all([attendee.context.close(), organiser.context.close()]);
  }
});

test("a stream moved to another origin plays on an open watch page (it loads again once, for the new policy), and archiving closes the page", async ({ browser }) => {
  test.setTimeout(90_000);
  const event = await createEvent("run-stream", { state: "scheduled", startsAt: new Date(Date.now() + 2 * 3_600_000) });
  const attendee = await openWatch(browser, event, "countdown");
  const watch = attendee.page;
  // Every Content-Security-Policy violation on the watch page, on this load and the next.
  const record = () => {
    const seen: string[] = [];
    (window as Window & { podiumViolations?: string[] }).podiumViolations = seen;
    document.addEventListener("securitypolicyviolation", (violation) => seen.push(`${violation.effectiveDirective} ${violation.blockedURI}`));
  };
  await watch.addInitScript(record);
  await watch.evaluate(record);
  const violations = () => watch.evaluate(() => (window as Window & { podiumViolations?: string[] }).podiumViolations ?? []);
  // And what the browser says of them in the console, kept here across every load of the page.
  const policyErrors: string[] = [];
  watch.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) policyErrors.push(message.text());
  });
  const organiser = await openOrganiser(browser, event);
  try {
    await markPage(watch);
    const streamUrl = "https://stream.example.net/embed/7";
    await organiser.page.getByLabel("Stream URL (optional)").fill(streamUrl);
    await organiser.page.getByRole("button", { name: "Save changes" }).click();
    await expect(organiser.page.getByText("Changes saved.")).toBeVisible();
    // The watch page loads again by itself (the marker goes with the old page), still on the countdown.
    await expect.poll(() => watch.evaluate(() => (window as MarkedWindow).podiumMarker ?? "gone"), { timeout: 15_000 }).toBe("gone");
    await expectLive(watch);
    await expect(watch.getByTestId("countdown")).toContainText("Starts in");

    await organiser.page.getByRole("button", { name: "Go live" }).click();
    await expect(organiser.page.getByText("The event is live.")).toBeVisible();
    await expect(watch.getByTitle("Live stream")).toHaveAttribute("src", streamUrl);
    await expect(watch.getByTestId("event-state")).toHaveText("Live");
    expect(await violations()).toEqual([]);

    // Moved again while live: the page loads again before it frames the new stream, never framing what its policy blocks.
    await markPage(watch);
    const movedUrl = "https://video.example.org/live/8";
    await organiser.page.getByLabel("Stream URL (optional)").fill(movedUrl);
    await organiser.page.getByRole("button", { name: "Save changes" }).click();
    await expect(organiser.page.getByText("Changes saved.")).toBeVisible();
    await expect.poll(() => watch.evaluate(() => (window as MarkedWindow).podiumMarker ?? "gone"), { timeout: 15_000 }).toBe("gone");
    await expect(watch.getByTitle("Live stream")).toHaveAttribute("src", movedUrl);
    expect(await violations()).toEqual([]);
    expect(policyErrors).toEqual([]);

    // Archived: the open page is closed and loads again, as the 404 its address now is (not a sign-in page: nobody signed out).
    await organiser.page.getByRole("button", { name: "Archive…" }).click();
    await organiser.page.getByRole("button", { name: "Archive event" }).click();
    await expect(organiser.page.getByText("Event archived.")).toBeVisible();
    await expect(watch.getByRole("heading", { name: "This page isn't here" })).toBeVisible({ timeout: 20_000 });
    await expect(watch).toHaveURL(new RegExp(`/e/${event.slug}/watch$`));
    await expect(watch.getByTitle("Live stream")).toHaveCount(0);
    await expect(watch.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  } finally {
    await Promise.all([attendee.context.close(), organiser.context.close()]);
  }
});
