// Podium's one entry point, in development and production: the HTTP server,
// Next's request handler and Socket.IO (the live room) on the same port.
import { createServer } from "node:http";
import next from "next";
import { closeDatabase } from "./lib/db";
import { env } from "./lib/env";
import { answerClientError, setSocketIoHeaders } from "./lib/http/answer-outside-next";
import { guardRequest } from "./lib/http/guard-request";
import { guardOutage } from "./lib/http/outage-guard";
import { attachRealtime } from "./lib/realtime/attach-realtime";
import { heartbeats } from "./lib/realtime/heartbeats";
import { stopPresence } from "./lib/realtime/presence";
import { getRedis } from "./lib/redis";
import { STOP_SIGNALS } from "./lib/stop-signals";

const dev = env.NODE_ENV !== "production";
const httpServer = createServer();
// Next listens for WebSocket upgrades on the server it is given (or, failing
// that, on the first request's). Only development needs that (hot reload); in
// production Podium's one WebSocket is Socket.IO's, so Next gets a server that
// never listens, and a join storm's upgrades do not each run Next's routing.
const app = next({ dev, hostname: env.HOST, port: env.PORT, httpServer: dev ? httpServer : createServer() });
const handle = app.getRequestHandler();

await app.prepare();
httpServer.on("request", (req, res) => {
  // Security headers, and refusals that must never reach Next (lib/http/guard-request.ts).
  guardRequest(req, res)
    .then((isAnswered) => {
      // /healthz, and the 503 page for pages while the database is down (lib/http/outage-guard.ts).
      if (isAnswered || guardOutage(req, res)) return;
      return handle(req, res);
    })
    .catch((error) => {
      // Nothing should reach here; if something does, this request still gets an answer.
      console.error("Serving a request failed:", error);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("Something went wrong on our side.\n");
      else res.destroy();
    });
});
// Attached after Next's listener on purpose: Socket.IO wraps the listeners it
// finds, answers /socket.io itself and passes every other request on.
const io = attachRealtime(httpServer);
// Socket.IO's answers (its errors too) and Node's to unreadable requests carry the security headers as well.
httpServer.prependListener("request", setSocketIoHeaders);
httpServer.on("clientError", answerClientError);

httpServer.on("error", (error: NodeJS.ErrnoException) => {
  const reason = error.code === "EADDRINUSE" ? "the port is already in use (set PORT)" : error.message;
  console.error(`Podium cannot listen on ${env.HOST}:${env.PORT}: ${reason}`);
  process.exit(1);
});
// A join storm opens thousands of connections at once: with Node's default
// backlog (511) most would overflow the kernel's accept queue and wait out
// TCP's SYN retransmit (1 s, 3 s, 7 s…). The kernel caps it at net.core.somaxconn.
const ACCEPT_BACKLOG = 8192;
httpServer.listen({ port: env.PORT, host: env.HOST, backlog: ACCEPT_BACKLOG }, () => {
  const shownHost = env.HOST === "0.0.0.0" || env.HOST === "127.0.0.1" ? "localhost" : env.HOST;
  const processes = env.REDIS_URL ? ", sharing Redis with other processes" : "";
  console.log(`Podium is ready on http://${shownHost}:${env.PORT} (${dev ? "development" : "production"}${processes})`);
});

const SHUTDOWN_LIMIT_MS = 9_000;
let isShuttingDown = false;

/**
 * Graceful shutdown: stop accepting, send every live client off to reconnect
 * (behind a load balancer, to another process), write the heartbeats still
 * waiting, then close Next, Redis and the database pools.
 */
async function shutDown(reason: string) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  console.log(`${reason}: closing connections.`);
  // Each stage is named, so a shutdown that overruns says where it stuck.
  let stage = "closing connections";
  const forceExit = setTimeout(() => {
    console.error(`Shutdown did not finish within ${SHUTDOWN_LIMIT_MS / 1000} s (still ${stage}); exiting anyway.`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  forceExit.unref();
  // Stops accepting and closes every socket's transport: socket.io-client reconnects by itself.
  await io.close();
  httpServer.closeIdleConnections();
  // Redis first: a slow database must not keep this process's viewers in the count.
  stage = "leaving the watching count";
  await stopPresence().catch((error) => console.error("Leaving the watching count failed:", error));
  stage = "writing the waiting heartbeats";
  await heartbeats.stop();
  stage = "closing Next";
  await app.close?.();
  httpServer.closeAllConnections();
  stage = "closing Redis";
  await getRedis()?.quit().catch(() => {});
  stage = "closing the database pools";
  await closeDatabase();
  console.log("Shut down cleanly.");
  process.exit(0);
}
for (const signal of STOP_SIGNALS) process.on(signal, () => void shutDown(`${signal} received`));
// Under `npm start` and `npm run serve`, scripts/start.ts asks for the same shutdown over IPC (the one way that is graceful on
// Windows too); should it vanish (killed outright), the closed channel means the same.
if (process.send) {
  process.on("message", (message) => message === "stop" && void shutDown("npm start asked to stop"));
  process.on("disconnect", () => void shutDown("npm start went away"));
}
