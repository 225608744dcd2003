import { LIVE_POOL_SIZE } from "../db";

// Admission under a join storm. Every joining socket costs one database
// lookup; at most LIVE_POOL_SIZE run at once (one per connection of the live
// pool, so the pool itself never queues) and the rest wait here in order.
// When MAX_WAITING are already waiting, new handshakes are refused at the HTTP
// level (allowRequest), which socket.io-client treats as a failed attempt and
// retries with its jittered backoff, instead of queueing until a pool timeout.

const MAX_WAITING = 2_000;

let running = 0;
const waiting: (() => void)[] = [];

/** True when a new handshake should be turned away for now. */
export function isAdmissionFull(): boolean {
  return waiting.length >= MAX_WAITING;
}

/** Runs a joiner's database work when a slot is free. */
export async function admit<Result>(task: () => Promise<Result>): Promise<Result> {
  if (running >= LIVE_POOL_SIZE) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await task();
  } finally {
    // The slot passes straight to the next in line, or is freed.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
