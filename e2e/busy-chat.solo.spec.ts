import { expect, type WebSocketRoute } from "@playwright/test";
import { CHAT_RESYNC_LIMIT } from "../lib/realtime/contract";
import { CHAT_KEPT } from "../lib/realtime/room-reducer";
import { registerAs, test } from "./fixtures";
import { chatMessages, distanceFromBottom, expectLive, openWatch, sendChat } from "./live-room";
import { postChatThroughServer } from "./room-client";

// A busy event. The viewer's connection drops; meanwhile 300 messages are
// stored and one more is posted live. The reconnect resyncs what was missed, so
// the page reaches the 300 messages it keeps. From then on each new message
// pushes the oldest out and the count stays at 300: the log must still follow
// the newest. In an event of its own; still solo, because storing 300 messages
// through the server at once loads it for every other spec.
const MISSED = CHAT_KEPT;

test("after a drop in a busy chat, every missed message arrives once, and at the 300 kept the log still follows the newest", async ({ browser, event }) => {
  test.setTimeout(90_000);
  // Past the resync limit a reconnect gets the latest 100 instead, which is not what this test is about.
  expect(MISSED + 1).toBeLessThanOrEqual(CHAT_RESYNC_LIMIT);
  const context = await browser.newContext();
  const writer = await openWatch(browser, event, "busy-writer");
  try {
    // The page's WebSocket goes through the test, so the test can cut it like a network drop.
    const sockets: WebSocketRoute[] = [];
    let isNetworkDown = false;
    await context.routeWebSocket(/\/socket\.io\//, (socket) => {
      // While the network is down, every reconnection attempt fails at once.
      if (isNetworkDown) return void socket.close();
      sockets.push(socket);
      socket.connectToServer();
    });
    const page = await context.newPage();
    await registerAs(page, event, undefined, "busy");
    await expectLive(page);
    // The page resyncs from the newest message it holds, so it holds one.
    const stamp = Date.now();
    await sendChat(writer.page, `Before the drop ${stamp}`);
    await expect(chatMessages(page).last()).toContainText(`Before the drop ${stamp}`);

    // The drop first, then 300 messages from other attendees, which this page misses.
    isNetworkDown = true;
    for (const socket of sockets.splice(0)) await socket.close();
    await postChatThroughServer(event, Array.from({ length: MISSED }, (_, index) => `Missed ${stamp} #${index + 1}`));
    // Posted while the viewer reconnects: it reaches the page live or in the resync, never both.
    const duringDrop = `During the drop ${stamp}`;
    await sendChat(writer.page, duringDrop);
    isNetworkDown = false;

    const log = page.getByTestId("chat-log");
    await expect(chatMessages(page).last()).toContainText(duringDrop, { timeout: 15_000 });
    await expect(chatMessages(page)).toHaveCount(CHAT_KEPT);
    await expectLive(page);
    for (const text of [`Missed ${stamp} #2`, `Missed ${stamp} #150`, `Missed ${stamp} #${MISSED}`, duringDrop]) {
      await expect(chatMessages(page).filter({ hasText: new RegExp(`${text}$`) })).toHaveCount(1);
    }
    // The oldest missed one made room: 299 missed plus the live one are the 300 kept.
    await expect(chatMessages(page).filter({ hasText: new RegExp(`Missed ${stamp} #1$`) })).toHaveCount(0);
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(48);

    // At the cap: a new message replaces the oldest, and the log follows it.
    const live = `Live at the cap ${stamp}`;
    await sendChat(writer.page, live);
    await expect(chatMessages(page).last()).toContainText(live);
    await expect(chatMessages(page)).toHaveCount(CHAT_KEPT);
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(48);
    await expect(chatMessages(page).last()).toBeInViewport({ ratio: 1 });

    // Someone who scrolled up to read is left where they are, with a way back down.
    await log.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect(page.getByRole("button", { name: "Jump to latest ↓" })).toBeVisible();
    const another = `Another while reading ${stamp}`;
    await sendChat(writer.page, another);
    await expect(chatMessages(page).last()).toContainText(another);
    await expect(chatMessages(page).last()).not.toBeInViewport();
    expect(await log.evaluate((element) => element.scrollTop)).toBeLessThan(50);
    await page.getByRole("button", { name: "Jump to latest ↓" }).click();
    await expect.poll(() => distanceFromBottom(page)).toBeLessThan(48);
    await expect(chatMessages(page).last()).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole("button", { name: "Jump to latest ↓" })).toHaveCount(0);
  } finally {
    await Promise.all([context.close(), writer.context.close()]);
  }
});
