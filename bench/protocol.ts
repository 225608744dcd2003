// What the coordinator (load-pool.ts) and the load workers (load-worker.ts) say
// to each other over IPC, and the few conventions both sides must share.

/** Milliseconds on a clock that every process on this machine agrees on (unlike performance.now alone). */
export const clock = () => performance.timeOrigin + performance.now();

/** One viewer to connect: which server process (`proc`) and, for Podium, the session cookie. */
export type Target = { url: string; proc: number; cookie?: string };

/** Latencies in 1 ms buckets; the last bucket holds everything slower. */
export const HISTOGRAM_BUCKETS = 10_001;

export type Command =
  | { type: "connect"; targets: Target[]; startAt: number; timeoutMs: number }
  | { type: "chat"; step: number; procs: number; ratePerSecond: number; offsetMs: number; startAt: number; durationMs: number; ackTimeoutMs: number }
  | { type: "tally"; step: number }
  | { type: "start-pings"; intervalMs: number; ackTimeoutMs: number }
  | { type: "new-ping-window" }
  | { type: "stop-pings"; maxWaitMs: number }
  | { type: "disconnect" };

/** failedHandshakes: connect_error events by their message ("unauthorized", "websocket error"…). */
export type ConnectReply = { connectedByProc: number[]; failedHandshakes: Record<string, number>; lastInAt: number };
export type ChatReply = { sent: number; ackedByProc: number[]; refused: Record<string, number>; ackTimeouts: number; unsent: number };
/** received[from][to]: messages sent through process `from` that reached viewers on process `to`. */
export type TallyReply = { received: number[][]; histogram: Uint32Array };
export type PingCounts = { sent: number; acked: number; credited: number; refused: Record<string, number>; timeouts: number };
export type DisconnectReply = { dropped: number };

export type Request = { id: number; command: Command };
export type Reply = { id: number; result?: unknown; error?: string };

/** Chat text that carries what receivers need: the step, the sending process and the send time. */
export function chatText(step: number, proc: number, sentAt: number): string {
  return `bench ${step} ${proc} ${sentAt.toFixed(3)}`;
}

export function readChatText(text: string): { step: number; proc: number; sentAt: number } | null {
  const [tag, step, proc, sentAt] = text.split(" ");
  return tag === "bench" ? { step: Number(step), proc: Number(proc), sentAt: Number(sentAt) } : null;
}

/** The event the viewers join: the first event, which the events migration makes (live and featured) and seed-viewers.ts registers them for. */
export const BENCH_EVENT = "first-event";
