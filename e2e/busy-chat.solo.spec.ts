import { expect, test, type WebSocketRoute } from "@playwright/test";
import { CHAT_KEPT } from "../lib/realtime/room-reducer";
import { query } from "./database";
import { registerAs } from "./fixtures";
import { chatMessages, expectLive, openWatch, sendChat } from "./live-room";

// A busy event: the viewer's connection drops while 300 messages are posted, so
// the reconnect resyncs them and the page reaches the 300 messages it keeps.
// From then on each new message pushes the oldest out and the count stays at
// 300; the log must still follow the newest. Solo, because it floods the room.
const MISSED = CHAT_KEPT;

test("after a drop in a busy chat, missed messages arrive once, and at the 300 kept the log still follows the newest", async ({ browser }) => {
  const context = await browser.newContext();
  // The page's WebSocket goes through the test, so the test can cut it like a network drop.
  const sockets: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/socket\.io\//, (socket) => {
    sockets.push(socket);
    socket.connectToServer();
  });
  const page = await context.newPage();
  const viewer = await registerAs(page, undefined, "busy");
  await expectLive(page);
  const writer = await openWatch(browser, "busy-writer");
  // The page resyncs from the newest message it holds, so it holds one.
  const before = `Before the drop ${Date.now()}`;
  await sendChat(writer.page, before);
  await expect(chatMessages(page).last()).toContainText(before);

  const [me] = await query<{ id: number }>("SELECT id FROM users WHERE email = ?", [viewer.email]);
  const stamp = Date.now();
  const rows = Array.from({ length: MISSED }, (_, index) => [me.id, viewer.name, `Missed ${stamp} #${index + 1}`]);
  await query(`INSERT INTO chat_messages (user_id, user_name, message) VALUES ${rows.map(() => "(?, ?, ?)").join(", ")}`, rows.flat());
  for (const socket of sockets.splice(0)) await socket.close();
  await expectLive(page);

  const log = page.getByTestId("chat-log");
  await expect(chatMessages(page)).toHaveCount(CHAT_KEPT, { timeout: 10_000 });
  for (const index of [1, 150, MISSED]) await expect(chatMessages(page).filter({ hasText: new RegExp(`Missed ${stamp} #${index}$`) })).toHaveCount(1);
  await expect(chatMessages(page).last()).toContainText(`Missed ${stamp} #${MISSED}`);
  await expect(chatMessages(page).last()).toBeInViewport();

  // At the cap: a new message replaces the oldest, and the log follows it.
  const live = `Live at the cap ${stamp}`;
  await sendChat(writer.page, live);
  await expect(chatMessages(page).last()).toContainText(live);
  await expect(chatMessages(page)).toHaveCount(CHAT_KEPT);
  await expect(chatMessages(page).last()).toBeInViewport();

  // Someone who scrolled up to read is left where they are, with a way back down.
  await log.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(page.getByRole("button", { name: "Jump to latest ↓" })).toBeVisible();
  const another = `Another while reading ${stamp}`;
  await sendChat(writer.page, another);
  await expect(chatMessages(page).last()).toContainText(another);
  await expect(chatMessages(page).last()).not.toBeInViewport();
  expect(await log.evaluate((element) => element.scrollTop)).toBeLessThan(50);
  await page.getByRole("button", { name: "Jump to latest ↓" }).click();
  await expect(chatMessages(page).last()).toBeInViewport();
  await expect(page.getByRole("button", { name: "Jump to latest ↓" })).toHaveCount(0);

  await Promise.all([context.close(), writer.context.close()]);
});
