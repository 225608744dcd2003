import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import { fillRegistration, newAttendee } from "./fixtures";
import { chatMessages, cookieHeader, expectLive, sendChat } from "./live-room";
import { freePort } from "../scripts/free-port";
import { startServer, stopServer } from "../scripts/server-process";

// Runs a server.ts of its own (same database and build) so it can be stopped
// and started again while a browser and a socket.io-client stay connected.

test("after the server restarts, clients reconnect by themselves and history is intact", async ({ browser }) => {
  test.setTimeout(90_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server = await startServer(port);
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  try {
    await page.goto("/");
    await fillRegistration(page, newAttendee("restart"));
    await page.getByRole("button", { name: "Join the event" }).click();
    await expect(page).toHaveURL(/\/watch$/);
    await expectLive(page);
    const before = `Before the restart ${Date.now()}`;
    await sendChat(page, before);
    await expect(chatMessages(page).filter({ hasText: before })).toHaveCount(1);

    const client = io(base, { transports: ["websocket"], extraHeaders: { cookie: await cookieHeader(context) }, reconnectionDelayMax: 1_000 });
    await new Promise<void>((resolve) => client.once("connect", () => resolve()));
    const reconnected = new Promise<void>((resolve) => client.io.once("reconnect", () => resolve()));

    await stopServer(server);
    await expect(page.getByTestId("connection-status")).toHaveText("Reconnecting…");
    server = await startServer(port);

    await expectLive(page);
    await reconnected;
    await expect(chatMessages(page).filter({ hasText: before })).toHaveCount(1);
    const after = `After the restart ${Date.now()}`;
    await sendChat(page, after);
    await expect(chatMessages(page).filter({ hasText: after })).toHaveCount(1);
    const ack = await client.timeout(5_000).emitWithAck("chat", { text: "the other client is back too" });
    expect(ack.ok).toBe(true);
    client.close();
  } finally {
    await context.close();
    await stopServer(server);
  }
});
