import { expect } from "@playwright/test";
import { query } from "./database";
import { test } from "./fixtures";
import { chatMessages, expectLive, openWatch, sendChat } from "./live-room";

test("a chat message reaches another viewer within 2 s, once, and survives a reload", async ({ browser, event }) => {
  const alice = await openWatch(browser, event, "alice");
  const bob = await openWatch(browser, event, "bob");
  const text = `Hello from Alice ${Date.now()} 👋`;

  await sendChat(alice.page, text);
  await expect(chatMessages(bob.page).filter({ hasText: text })).toHaveCount(1, { timeout: 2_000 });
  await expect(chatMessages(alice.page).filter({ hasText: text })).toHaveCount(1);
  await expect(alice.page.getByTestId("chat-outgoing")).toHaveCount(0);
  await expect(alice.page.getByLabel("Message", { exact: true })).toHaveValue("");

  await bob.page.reload();
  await expectLive(bob.page);
  await expect(chatMessages(bob.page).filter({ hasText: text })).toHaveCount(1);
  await expect(chatMessages(bob.page).filter({ hasText: text })).toContainText(alice.attendee.name);
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test("markup in a message is shown literally and never runs", async ({ browser, event }) => {
  const sender = await openWatch(browser, event, "markup");
  const reader = await openWatch(browser, event, "reader");
  const dialogs: string[] = [];
  reader.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const marker = `markup-${Date.now()}`;
  const text = `<img src=x onerror=alert(1)> <script>alert(2)</script> <b>bold?</b> ${marker}`;
  await sendChat(sender.page, text);
  const message = chatMessages(reader.page).filter({ hasText: marker });
  await expect(message).toContainText(text);
  await expect(reader.page.getByTestId("chat-log").locator("img, script, b")).toHaveCount(0);
  expect(dialogs).toEqual([]);
  await Promise.all([sender.context.close(), reader.context.close()]);
});

test("empty and over-long messages are refused with a message and nothing is stored", async ({ browser, event }) => {
  const { context, page, attendee } = await openWatch(browser, event, "limits");
  await sendChat(page, "    ");
  await expect(page.getByRole("alert").filter({ hasText: "Write something first." })).toBeVisible();
  await sendChat(page, "x".repeat(501));
  await expect(page.getByRole("alert").filter({ hasText: "Keep it to 500 characters or fewer." })).toBeVisible();
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("x".repeat(501));
  const rows = await query<{ count: number }>("SELECT COUNT(*) AS count FROM chat_messages m JOIN users u ON u.id = m.user_id WHERE u.email = ?", [attendee.email]);
  expect(Number(rows[0].count)).toBe(0);
  await context.close();
});

test("messages typed while offline are kept and sent, in typing order, when the connection is back", async ({ browser, event }) => {
  const writer = await openWatch(browser, event, "offline");
  const reader = await openWatch(browser, event, "online");
  const prefix = `Typed while offline ${Date.now()}`;
  const texts = [1, 2, 3].map((index) => `${prefix} #${index}`);

  await writer.context.setOffline(true);
  await expect(writer.page.getByTestId("connection-status")).toHaveText("Offline");
  for (const text of texts) await sendChat(writer.page, text);
  await expect(writer.page.getByTestId("chat-outgoing")).toHaveCount(3);
  await expect(writer.page.getByTestId("chat-outgoing").first()).toContainText("Waiting for connection…");
  await expect(chatMessages(reader.page).filter({ hasText: prefix })).toHaveCount(0);

  await writer.context.setOffline(false);
  await expectLive(writer.page);
  const arrived = chatMessages(reader.page).filter({ hasText: prefix });
  await expect(arrived).toHaveCount(3, { timeout: 15_000 });
  await expect(arrived).toContainText(texts);
  await expect(chatMessages(writer.page).filter({ hasText: prefix })).toContainText(texts);
  await expect(writer.page.getByTestId("chat-outgoing")).toHaveCount(0);
  const stored = await query<{ message: string }>("SELECT message FROM chat_messages WHERE event_id = ? AND message LIKE ? ORDER BY id", [event.id, `${prefix}%`]);
  expect(stored.map((row) => row.message)).toEqual(texts);
  await Promise.all([writer.context.close(), reader.context.close()]);
});
