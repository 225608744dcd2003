// Podium's one entry point, in development and production: the HTTP server,
// Next's request handler and Socket.IO (the live room) on the same port.
import { createServer } from "node:http";
import next from "next";
import { db } from "./lib/db";
import { env } from "./lib/env";
import { attachRealtime } from "./lib/realtime/attach-realtime";

const dev = env.NODE_ENV !== "production";
const httpServer = createServer();
const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer });
const handle = app.getRequestHandler();

await app.prepare();
httpServer.on("request", (req, res) => {
  void handle(req, res);
});
// Attached after Next's listener on purpose: Socket.IO wraps the listeners it
// finds, answers /socket.io itself and passes every other request on.
const io = attachRealtime(httpServer);

httpServer.on("error", (error: NodeJS.ErrnoException) => {
  const reason = error.code === "EADDRINUSE" ? "the port is already in use (set PORT)" : error.message;
  console.error(`Podium cannot listen on ${env.HOST}:${env.PORT}: ${reason}`);
  process.exit(1);
});
httpServer.listen(env.PORT, env.HOST, () => {
  const shownHost = env.HOST === "0.0.0.0" || env.HOST === "127.0.0.1" ? "localhost" : env.HOST;
  console.log(`Podium is ready on http://${shownHost}:${env.PORT} (${dev ? "development" : "production"})`);
});

let isShuttingDown = false;
async function shutDown(signal: string) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  console.log(`${signal} received: closing connections.`);
  const forceExit = setTimeout(() => process.exit(0), 5000);
  forceExit.unref();
  // io.close() also closes the HTTP server.
  await io.close();
  httpServer.closeAllConnections();
  await app.close?.();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutDown("SIGINT"));
process.on("SIGTERM", () => void shutDown("SIGTERM"));
