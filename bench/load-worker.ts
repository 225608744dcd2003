// One load-generating process, forked by load-pool.ts: it holds its share of
// the viewers' sockets and does what the coordinator asks over IPC.
import { io } from "socket.io-client";
import { BENCH_EVENT, clock, type Command, type ConnectReply, type Request, type Target } from "./protocol";
import { recordChat, sendChat, tally, type Viewer } from "./worker-chat";
import { newPingWindow, startPings, stopPings, stopPingsAndSettle } from "./worker-pings";

const MAX_HANDSHAKE_RETRIES = 30;

let viewers: Viewer[] = [];
let isClosing = false;
let failedHandshakes: Record<string, number> = {};
let dropped = 0;

/** Socket.IO's own reconnection backoff (1 s doubling up to 5 s, ±50 %). */
const backoffMs = (attempt: number) => Math.min(5_000, 1_000 * 2 ** attempt) * (0.5 + Math.random());

function openViewer(target: Target, onFirstState: () => void): Viewer {
  // forceNew: one connection per viewer, as separate browsers would have (io() would otherwise share one).
  // The event's slug in the handshake, as the pages send it (the baseline server ignores it).
  const socket = io(target.url, { transports: ["websocket"], forceNew: true, extraHeaders: target.cookie ? { cookie: target.cookie } : {}, auth: { event: BENCH_EVENT } });
  const viewer: Viewer = { socket, proc: target.proc, isIn: false };
  let retries = 0;
  socket.on("state", () => {
    if (viewer.isIn) return;
    viewer.isIn = true;
    onFirstState();
  });
  socket.on("connect_error", (error) => {
    failedHandshakes[error.message] = (failedHandshakes[error.message] ?? 0) + 1;
    // Socket.IO retries transport failures by itself but not a refusal by the server's
    // middleware (socket.active is false then); retry those as its backoff would.
    if (!socket.active && !isClosing && retries < MAX_HANDSHAKE_RETRIES) {
      setTimeout(() => !isClosing && socket.connect(), backoffMs(retries++));
    }
  });
  socket.on("disconnect", (reason) => {
    if (reason !== "io client disconnect") dropped++;
  });
  socket.on("chat", (message: { text: string }) => recordChat(viewer.proc, message.text));
  return viewer;
}

async function connect(targets: Target[], startAt: number, timeoutMs: number): Promise<ConnectReply> {
  isClosing = false;
  failedHandshakes = {};
  dropped = 0;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - clock())));
  let waiting = targets.length;
  let lastInAt = startAt;
  if (waiting > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      const onIn = () => {
        lastInAt = clock();
        if (--waiting > 0) return;
        clearTimeout(timer);
        resolve();
      };
      viewers = targets.map((target) => openViewer(target, onIn));
    });
  }
  const connectedByProc = new Array<number>(Math.max(1, ...targets.map((target) => target.proc + 1))).fill(0);
  for (const viewer of viewers) if (viewer.isIn) connectedByProc[viewer.proc]++;
  return { connectedByProc, failedHandshakes, lastInAt };
}

function disconnect() {
  isClosing = true;
  stopPings();
  for (const viewer of viewers) viewer.socket.disconnect();
  viewers = [];
  return { dropped };
}

function handle(command: Command): unknown {
  switch (command.type) {
    case "connect":
      return connect(command.targets, command.startAt, command.timeoutMs);
    case "chat":
      return sendChat(viewers, command);
    case "tally":
      return tally(command.step);
    case "start-pings":
      return startPings(viewers, command.intervalMs, command.ackTimeoutMs);
    case "new-ping-window":
      return newPingWindow();
    case "stop-pings":
      return stopPingsAndSettle(command.maxWaitMs);
    case "disconnect":
      return disconnect();
  }
}

process.on("message", (request: Request) => {
  Promise.resolve()
    .then(() => handle(request.command))
    .then(
      (result) => process.send!({ id: request.id, result }),
      (error: Error) => process.send!({ id: request.id, error: error.stack ?? String(error) }),
    );
});
// The coordinator went away (finished, failed or interrupted): leave with it.
process.on("disconnect", () => {
  disconnect();
  process.exit(0);
});
