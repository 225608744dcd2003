import type { PingCounts } from "./protocol";
import { countRefusal, type Viewer } from "./worker-chat";

// A load worker's heartbeats: every viewer sends `ping` once per interval, each
// starting at a random moment, as tabs opened at different times would.

type Ack = { ok: boolean; error?: string; isCredited?: boolean };

const timers: NodeJS.Timeout[] = [];
let currentWindow = emptyCounts();
let inFlight = 0;

function emptyCounts(): PingCounts {
  return { sent: 0, acked: 0, credited: 0, refused: {}, timeouts: 0 };
}

function ping(viewer: Viewer, ackTimeoutMs: number) {
  if (!viewer.socket.connected) return;
  // The answer counts in the window the ping was sent in, however late it comes.
  const counts = currentWindow;
  counts.sent++;
  inFlight++;
  viewer.socket.timeout(ackTimeoutMs).emit("ping", {}, (error: Error | null, ack?: Ack) => {
    inFlight--;
    if (error) counts.timeouts++;
    else if (ack?.ok) {
      counts.acked++;
      if (ack.isCredited) counts.credited++;
    } else countRefusal(counts.refused, ack);
  });
}

export function startPings(viewers: Viewer[], intervalMs: number, ackTimeoutMs: number) {
  stopPings();
  currentWindow = emptyCounts();
  for (const viewer of viewers) {
    const first = setTimeout(() => {
      ping(viewer, ackTimeoutMs);
      timers.push(setInterval(() => ping(viewer, ackTimeoutMs), intervalMs));
    }, Math.random() * intervalMs);
    timers.push(first);
  }
}

/** Pings sent from now on count in a new window (the warm-up ends). */
export function newPingWindow() {
  currentWindow = emptyCounts();
}

export function stopPings() {
  // clearInterval clears timeouts too.
  for (const timer of timers) clearInterval(timer);
  timers.length = 0;
}

/**
 * Stops pinging, waits (at most `maxMs`) for the pings still unanswered, so
 * none is cut off by the server stopping, and returns the last window's counts.
 */
export async function stopPingsAndSettle(maxMs: number): Promise<PingCounts> {
  stopPings();
  for (let waited = 0; inFlight > 0 && waited < maxMs; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return currentWindow;
}
