import { io, type Socket } from "socket.io-client";
import type { ServerUnderTest } from "./servers-under-test";

// Sockets the coordinator opens itself: the warm-up visit and the moderator
// who reads Podium's own count of viewers.

type Stats = { viewersConnected: number; pendingQuestions: number };
type State = { stats?: Stats };

function connectOnce(url: string, { cookie, surface }: { cookie?: string; surface?: string }, timeoutMs = 15_000): Promise<{ socket: Socket; state: State }> {
  const socket = io(url, { transports: ["websocket"], forceNew: true, extraHeaders: cookie ? { cookie } : {}, auth: surface ? { surface } : {} });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`No state from ${url} within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    socket.once("state", (state: State) => {
      clearTimeout(timer);
      resolve({ socket, state });
    });
  });
}

/** One page load (Podium) and one socket per process, so idle memory is measured on a server that has served both. */
export async function warmUp(server: ServerUnderTest, cookie?: string): Promise<void> {
  for (const url of server.urls) {
    if (server.kind === "podium") {
      const response = await fetch(`${url}/watch`, { headers: { cookie: cookie! }, redirect: "manual" });
      await response.text();
      if (response.status !== 200) throw new Error(`Warm-up: GET ${url}/watch answered ${response.status}.`);
    }
    const { socket } = await connectOnce(url, { cookie });
    socket.disconnect();
  }
}

export type Moderator = { viewersConnected: () => number | undefined; close: () => void };

/** A moderator's socket (surface "mod"), which receives Podium's `stats`. */
export async function openModerator(url: string, cookie: string): Promise<Moderator> {
  const { socket, state } = await connectOnce(url, { cookie, surface: "mod" });
  let latest = state.stats;
  socket.on("stats", (stats: Stats) => (latest = stats));
  return { viewersConnected: () => latest?.viewersConnected, close: () => socket.disconnect() };
}
