// How long a client waits before trying again after the server said
// `unavailable` (a refused handshake, or an event's ack): growing with each
// refusal in a row, never longer than RETRY_MAX_MS, and jittered so that a
// crowd refused at the same moment does not come back at the same moment.
// Shared by the browser pages (components/live-room) and documented for
// other clients in docs/realtime-contract.md.

export const RETRY_MIN_MS = 1_000;
export const RETRY_MAX_MS = 5_000;

/**
 * The wait before retry number `attempt` (0 for the first), at least what the
 * server suggested (`retryInMs`, capped), with "equal jitter": between half
 * and all of the computed wait.
 */
export function retryDelayMs(attempt: number, suggestedMs = 0, random: () => number = Math.random): number {
  const backoff = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.max(0, attempt));
  const wait = Math.max(backoff, Math.min(suggestedMs, RETRY_MAX_MS));
  return Math.round(wait / 2 + random() * (wait / 2));
}
