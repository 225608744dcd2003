import { expect, test } from "@playwright/test";
import { io } from "socket.io-client";
import WebSocket from "ws";
import { freePort } from "../scripts/free-port";
import { startServer, stopServer } from "../scripts/server-process";

// `npm run dev`: Socket.IO shares server.ts with Next's own development
// websocket (hot reload at /_next/hmr); neither may swallow the other.
test("in development, Next's hot-reload websocket and Socket.IO both work on the one port", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // A dist dir of its own: the production build the other specs use stays untouched.
  const server = await startServer(port, { NODE_ENV: "development", NEXT_DIST_DIR: ".next-dev" }, 90_000);
  try {
    // Next wires its upgrade handler on the first request.
    expect((await fetch(`${base}/stream`)).status).toBe(200);
    const firstMessage = await new Promise<string>((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/_next/hmr?id=e2e`, { headers: { origin: base } });
      const timer = setTimeout(() => reject(new Error("no message from /_next/hmr within 20 s")), 20_000);
      socket.on("message", (data) => {
        clearTimeout(timer);
        socket.close();
        resolve(String(data));
      });
      socket.on("error", reject);
    });
    expect(JSON.parse(firstMessage)).toHaveProperty("type");

    const client = io(base, { transports: ["websocket"], reconnection: false });
    const refusal = await new Promise<string>((resolve) => client.once("connect_error", (error) => resolve(error.message)));
    client.close();
    expect(refusal).toBe("unauthorized");
  } finally {
    await stopServer(server);
  }
});
