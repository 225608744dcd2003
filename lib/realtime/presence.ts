import { countPendingQuestions } from "../questions/list-questions";
import { ROOMS, type RoomStats } from "./contract";
import type { RoomServer } from "./io";

// Who is watching right now (people with at least one /watch socket), and the
// moderators' live counts. Counts change on every connect, so the broadcast is
// coalesced: at most one `stats` event per STATS_DELAY_MS.

const STATS_DELAY_MS = 500;

// Kept on globalThis: the reports page (bundled by Next) reads "watching now"
// from the same process that server.ts's sockets update.
type Presence = { watchingSockets: Map<number, number>; pendingQuestions: number; timer: NodeJS.Timeout | null };
const globalForPresence = globalThis as unknown as { podiumPresence?: Presence };
const presence = (globalForPresence.podiumPresence ??= { watchingSockets: new Map(), pendingQuestions: 0, timer: null });
const { watchingSockets } = presence;

/** People with at least one /watch socket open in this server process right now. */
export function countWatchingNow(): number {
  return watchingSockets.size;
}

export function addWatcher(userId: number) {
  watchingSockets.set(userId, (watchingSockets.get(userId) ?? 0) + 1);
}

export function removeWatcher(userId: number) {
  const remaining = (watchingSockets.get(userId) ?? 1) - 1;
  if (remaining > 0) watchingSockets.set(userId, remaining);
  else watchingSockets.delete(userId);
}

export function currentStats(): RoomStats {
  return { viewersConnected: watchingSockets.size, pendingQuestions: presence.pendingQuestions };
}

export async function refreshPendingCount() {
  presence.pendingQuestions = await countPendingQuestions();
}

/** When the whole queue has just been read anyway, its length is the count: no second query. */
export function setPendingCount(count: number) {
  presence.pendingQuestions = count;
}

/** Sends the moderators fresh counts soon; `hasPendingChanged` re-reads the pending count first. */
export function scheduleStatsBroadcast(io: RoomServer, hasPendingChanged = false) {
  if (hasPendingChanged) void refreshPendingCount().catch((error) => console.error("Counting pending questions failed:", error));
  if (presence.timer) return;
  presence.timer = setTimeout(() => {
    presence.timer = null;
    io.to(ROOMS.moderators).emit("stats", currentStats());
  }, STATS_DELAY_MS);
}
