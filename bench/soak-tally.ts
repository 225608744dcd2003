import type { Socket } from "socket.io-client";
import { IdSet } from "./id-set";
import { percentile } from "./measure-chat";
import { clock, HISTOGRAM_BUCKETS } from "./protocol";

// Everything the soak counts as it goes: each event sent and how it was
// answered, handshakes refused, connections the server dropped, and the ids
// of the chat messages the server acknowledged (which the audit looks for in
// the database and in every viewer).

export type SoakEvent = "chat" | "ask" | "upvote" | "ping" | "approve" | "answer" | "hide";
type Ack = { ok: boolean; error?: string; message?: { id: number } };

export const ACK_TIMEOUT_MS = 10_000;

const record = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

export type MinuteFigures = { minute: number; sent: number; acked: number; refused: number; timeouts: number; chatAckP99: number | null };

export class SoakTally {
  readonly sent: Record<string, number> = {};
  readonly acked: Record<string, number> = {};
  /** "<event> <code>", e.g. "upvote invalid_state". */
  readonly refused: Record<string, number> = {};
  readonly timeouts: Record<string, number> = {};
  /** Acks lost because the connection closed while they were on their way (mostly the soak's own blips). */
  readonly cutOff: Record<string, number> = {};
  readonly connectErrors: Record<string, number> = {};
  /** Disconnects the soak did not cause, by reason. */
  readonly drops: Record<string, number> = {};
  readonly chatAckMs = new Uint32Array(HISTOGRAM_BUCKETS);
  /** From send to arrival at each viewer. */
  readonly deliveryMs = new Uint32Array(HISTOGRAM_BUCKETS);
  readonly ackedChat: IdSet;
  readonly minutes: MinuteFigures[] = [];
  private window = { sent: 0, acked: 0, refused: 0, timeouts: 0, chatAckMs: new Uint32Array(HISTOGRAM_BUCKETS), chatAcks: 0 };
  private inFlight = 0;

  constructor(firstChatId: number) {
    this.ackedChat = new IdSet(firstChatId);
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Emits with an ack timeout; resolves with the ack when it was `ok`, otherwise undefined (already counted). */
  async emit<Result extends Ack>(socket: Socket, event: SoakEvent, payload: object, timeoutMs = ACK_TIMEOUT_MS): Promise<Result | undefined> {
    record(this.sent, event);
    this.window.sent++;
    this.inFlight++;
    const sentAt = clock();
    const connection = socket.id;
    try {
      const ack = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Result;
      if (!ack.ok) {
        record(this.refused, `${event} ${ack.error ?? "no_code"}`);
        this.window.refused++;
        return undefined;
      }
      record(this.acked, event);
      this.window.acked++;
      if (event === "chat") {
        const ms = Math.min(HISTOGRAM_BUCKETS - 1, Math.floor(clock() - sentAt));
        this.chatAckMs[ms]++;
        this.window.chatAckMs[ms]++;
        this.window.chatAcks++;
        this.ackedChat.add(ack.message!.id);
      }
      return ack;
    } catch {
      if (socket.id !== connection) record(this.cutOff, event);
      else {
        record(this.timeouts, event);
        this.window.timeouts++;
      }
      return undefined;
    } finally {
      this.inFlight--;
    }
  }

  connectError(message: string) {
    record(this.connectErrors, message);
  }

  drop(reason: string) {
    record(this.drops, reason);
  }

  delivered(sentAt: number) {
    this.deliveryMs[Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.floor(clock() - sentAt)))]++;
  }

  /** Closes the current minute's figures (the progress line and the report's time table). */
  closeMinute(minute: number): MinuteFigures {
    const { chatAckMs, chatAcks, ...counts } = this.window;
    const figures = { minute, ...counts, chatAckP99: percentile(chatAckMs, chatAcks, 0.99) };
    this.minutes.push(figures);
    this.window = { sent: 0, acked: 0, refused: 0, timeouts: 0, chatAckMs: new Uint32Array(HISTOGRAM_BUCKETS), chatAcks: 0 };
    return figures;
  }
}
