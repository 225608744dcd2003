import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { Ack, ChatMessageView, ClientToServerEvents, ServerToClientEvents, Surface } from "../lib/realtime/contract";
import { hasChatGap, initialRoomView, roomReducer, type RoomView } from "../lib/realtime/room-reducer";

// Script clients that behave as docs/realtime-contract.md tells other clients
// to: they reconnect by themselves, retry a refused handshake after
// `retryInMs`, resend with `chatSeq`/`since` so a reconnect resyncs, ask for
// the missing messages (`chat:since`) when a gap stays open, and hold the
// room with the browser's own reducer. The fault specs check what they saw.

type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a client holds a message with this text. */
export const hasSeen = (client: LiveClient, text: string) => client.view.chat.some((message) => message.text === text);

/** Whether it holds it within `ms`, checking every 50 ms. */
export async function seenWithin(client: LiveClient, text: string, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(50)) if (hasSeen(client, text)) return true;
  return hasSeen(client, text);
}

/** Polls `attempt` every 100 ms until it returns true; the time it took, or Infinity past `limitMs`. */
export async function timeUntil(attempt: () => Promise<boolean>, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (await attempt().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  return Infinity;
}

export type LiveClientOptions = {
  surface?: Surface;
  /** How long to wait after a refused handshake; by default what the server suggested (`data.retryInMs`). */
  retryAfterMs?: (suggestedMs: number) => number;
  /** Send `ping` every `heartbeatSeconds` once a `state` arrived, as /watch does. */
  sendsHeartbeats?: boolean;
};

export class LiveClient {
  readonly socket: RoomSocket;
  view: RoomView = initialRoomView;
  /** Every `connect_error` message, in order ("unavailable", "unauthorized", "websocket error"…). */
  readonly refusals: string[] = [];
  /** Every `state`, and whether it was a resync (`chatAfter`). */
  readonly states: { at: number; isResync: boolean }[] = [];
  /** Heartbeat acks that said a minute was credited. */
  creditedPings = 0;
  /** `chat:since` requests sent, and how many brought a message the client lacked. */
  gapRequests = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private gapTimer: NodeJS.Timeout | undefined;

  constructor(baseUrl: string, cookie: string, private readonly options: LiveClientOptions = {}) {
    this.socket = io(baseUrl, {
      transports: ["websocket"],
      extraHeaders: { cookie },
      reconnectionDelayMax: 5_000,
      auth: (send) => send(this.handshakeAuth()),
    });
    this.socket.on("connect", () => this.apply({ type: "connected" }));
    this.socket.on("state", (state) => {
      this.states.push({ at: Date.now(), isResync: state.chatAfter !== undefined || state.chatAfterSeq !== undefined });
      this.apply({ type: "state", state });
      this.startHeartbeat();
    });
    this.socket.on("chat", (message) => this.apply({ type: "chat", message }));
    this.socket.on("chat:hidden", ({ id }) => this.apply({ type: "chat:hidden", id }));
    this.socket.on("disconnect", () => clearInterval(this.heartbeat));
    this.socket.on("connect_error", (error: Error & { data?: { retryInMs?: number } }) => {
      this.refusals.push(error.message);
      // A refusal is not retried by socket.io-client itself (a failed transport is); "unauthorized" is final.
      if (this.socket.active || error.message === "unauthorized") return;
      const suggested = error.data?.retryInMs ?? 2_000;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.socket.connect(), this.options.retryAfterMs?.(suggested) ?? suggested);
    });
  }

  private apply(action: Parameters<typeof roomReducer>[1]) {
    this.view = roomReducer(this.view, action);
    this.watchForGap();
  }

  /** As the pages do (components/live-room/use-chat-gap.ts): a gap still open after 1.5–3 s is asked for. */
  private watchForGap() {
    if (this.gapTimer || !this.view.isReady || !hasChatGap(this.view)) return;
    this.gapTimer = setTimeout(async () => {
      const seq = this.view.chatSeq;
      try {
        if (this.socket.connected && hasChatGap(this.view)) {
          this.gapRequests++;
          const ack = await this.socket.timeout(10_000).emitWithAck("chat:since", { seq });
          if (ack.ok) this.view = roomReducer(this.view, { type: "chat:range", afterSeq: seq, range: { chat: ack.chat, chatSeq: ack.chatSeq } });
        }
      } catch {
        // Asked again below.
      }
      this.gapTimer = undefined;
      this.watchForGap();
    }, 1_500 * (1 + Math.random()));
  }

  private handshakeAuth() {
    const held = this.view.isReady && this.view.serverTime ? { chatSeq: this.view.chatSeq, since: this.view.serverTime } : {};
    return { surface: this.options.surface ?? "watch", ...held };
  }

  private startHeartbeat() {
    if (!this.options.sendsHeartbeats) return;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      this.socket
        .timeout(10_000)
        .emitWithAck("ping", {})
        .then((ack) => {
          if (ack.ok && ack.isCredited) this.creditedPings++;
        })
        .catch(() => {});
    }, this.view.heartbeatSeconds * 1_000);
  }

  /** Resolves with the next `state` (a first connection or a reconnect). */
  nextState(): Promise<void> {
    return new Promise((resolve) => this.socket.once("state", () => resolve()));
  }

  close() {
    clearTimeout(this.retryTimer);
    clearTimeout(this.gapTimer);
    clearInterval(this.heartbeat);
    this.socket.close();
  }
}

export type SentChat = { text: string; clientId: string; message: ChatMessageView };
export type ChatAttempt = { text: string; at: number; ms: number; outcome: "ok" | Exclude<Ack, { ok: true }>["error"] | "no answer" };

/**
 * Chat messages sent one at a time, each with a clientId of its own. One that
 * is refused (`unavailable`), unanswered, or cannot go out while the client is
 * disconnected is sent again, with the same clientId, until it is acked: the
 * browser's outbox does the same.
 */
export class Chatter {
  readonly acked: SentChat[] = [];
  readonly attempts: ChatAttempt[] = [];
  private count = 0;
  private isAborted = false;

  constructor(
    readonly client: LiveClient,
    private readonly label: string,
  ) {}

  /** Sends until `isSending()` turns false and the last message is acked, or until `deadline` (ms since epoch). */
  async run(isSending: () => boolean, { gapMs = 1_500, deadline = Date.now() + 180_000 } = {}) {
    let pending: { text: string; clientId: string } | null = null;
    while (!this.isAborted && Date.now() < deadline && (pending || isSending())) {
      pending ??= { text: `${this.label} #${++this.count}`, clientId: randomUUID() };
      if (!this.client.socket.connected) {
        await sleep(100);
        continue;
      }
      const at = Date.now();
      let outcome: ChatAttempt["outcome"] = "no answer";
      try {
        const ack = await this.client.socket.timeout(10_000).emitWithAck("chat", pending);
        outcome = ack.ok ? "ok" : ack.error;
        if (ack.ok) this.acked.push({ ...pending, message: ack.message });
      } catch {
        // No answer within 10 s (the connection dropped meanwhile): sent again.
      }
      this.attempts.push({ text: pending.text, at, ms: Date.now() - at, outcome });
      if (outcome === "ok") pending = null;
      await sleep(gapMs);
    }
  }

  /** Stops at once, acked or not (a spec that failed half-way), and closes the client. */
  abort() {
    this.isAborted = true;
    this.client.close();
  }
}
