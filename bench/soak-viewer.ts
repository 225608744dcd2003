import { io, type Socket } from "socket.io-client";
import type { ChatMessageView, QuestionView, RoomState } from "../lib/realtime/contract";
import { IdSet } from "./id-set";
import { perPersonCeiling, PERSON_LIMITS } from "./soak-options";
import { readChatText } from "./protocol";
import type { SoakTally } from "./soak-tally";

// One attendee of the soak, speaking the contract as the /watch page does:
// it reconnects by itself, and each reconnection asks to resume from the
// newest message it holds (auth.lastChatId + auth.since), so a `state` with
// `chatAfter` fills what it missed. It remembers every chat id it received
// (live or in a `state`) and every id a resync said was hidden meanwhile (a
// resync leaves those out; a live `chat:hidden` excuses nothing, since the
// message itself had come first).

const MAX_HANDSHAKE_RETRIES = 30;
/** Socket.IO's own reconnection backoff (1 s doubling up to 5 s, ±50 %). */
const backoffMs = (attempt: number) => Math.min(5_000, 1_000 * 2 ** attempt) * (0.5 + Math.random());

type Guarded = "chat" | "ask" | "upvote";

export class SoakViewer {
  readonly socket: Socket;
  readonly received: IdSet;
  /** Ids a resync's `hiddenChatIds` listed. */
  readonly toldHidden: IdSet;
  /** Ranges (after, before) a fresh `state` skipped: the contract's answer to being away for over 500 messages. */
  readonly skipped: [number, number][] = [];
  /** Each reconnection: what the viewer said it held, and where the server's resync continued from. */
  readonly resumes: { lastChatId: number; chatAfter?: number }[] = [];
  states = 0;
  resyncs = 0;
  /** Connections the soak cut on purpose (a network blip), as opposed to drops. */
  blips = 0;
  private lastChatId = 0;
  private since?: string;
  private isBlipping = false;
  private isClosing = false;
  private isSynced = false;
  private retries = 0;
  private readonly approved = new Set<number>();
  private readonly recentSends: Record<Guarded, number[]> = { chat: [], ask: [], upvote: [] };
  private nextClientId = 0;

  constructor(
    readonly index: number,
    url: string,
    cookie: string,
    private readonly tally: SoakTally,
  ) {
    this.received = new IdSet(tally.ackedChat.base);
    this.toldHidden = new IdSet(tally.ackedChat.base);
    // A function, so every (re)connection sends what the viewer holds at that moment.
    const auth = (send: (auth: object) => void) =>
      send({ surface: "watch", ...(this.lastChatId > 0 && this.since ? { lastChatId: this.lastChatId, since: this.since } : {}) });
    this.socket = io(url, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie }, auth });
    this.socket.on("state", (state: RoomState) => this.applyState(state));
    this.socket.on("chat", (message: ChatMessageView) => {
      this.receive(message.id);
      const sent = readChatText(message.text);
      if (sent) tally.delivered(sent.sentAt);
    });
    this.socket.on("question", (question: QuestionView) => {
      if (question.status === "approved") this.approved.add(question.id);
      else this.approved.delete(question.id);
    });
    this.socket.on("connect_error", (error) => {
      tally.connectError(error.message);
      // socket.io-client retries failed transports by itself, not a refusal by the server's middleware.
      if (!this.socket.active && !this.isClosing && this.retries < MAX_HANDSHAKE_RETRIES) {
        setTimeout(() => !this.isClosing && this.socket.connect(), backoffMs(this.retries++));
      }
    });
    this.socket.on("disconnect", (reason) => {
      this.isSynced = false;
      if (this.isBlipping) this.isBlipping = false;
      else if (!this.isClosing) tally.drop(reason);
    });
  }

  /** Connected and holding this connection's `state` (not merely connected). */
  get isIn(): boolean {
    return this.socket.connected && this.isSynced;
  }

  private receive(id: number) {
    this.received.add(id);
    if (id > this.lastChatId) this.lastChatId = id;
  }

  private applyState(state: RoomState) {
    if (this.states > 0) {
      this.resumes.push({ lastChatId: this.lastChatId, chatAfter: state.chatAfter });
      if (state.chatAfter !== undefined) this.resyncs++;
      else this.skipped.push([this.lastChatId, state.chat[0]?.id ?? Number.MAX_SAFE_INTEGER]);
    }
    this.states++;
    this.isSynced = true;
    this.retries = 0;
    for (const message of state.chat) this.receive(message.id);
    for (const id of state.hiddenChatIds ?? []) this.toldHidden.add(id);
    this.since = state.serverTime;
    this.approved.clear();
    for (const question of state.questions) if (question.status === "approved") this.approved.add(question.id);
  }

  /** True (and counted) when one more `kind` stays within half the server's per-person limit. */
  private mayAct(kind: Guarded, now: number): boolean {
    const windowMs = PERSON_LIMITS[kind].seconds * 1000;
    const recent = this.recentSends[kind].filter((at) => now - at < windowMs);
    this.recentSends[kind] = recent;
    if (recent.length + 1 > perPersonCeiling(kind) * PERSON_LIMITS[kind].seconds) return false;
    recent.push(now);
    return true;
  }

  chat(text: string, now: number): boolean {
    if (!this.isIn || !this.mayAct("chat", now)) return false;
    // A clientId, as the page sends, makes the message findable in the database even if its ack is lost.
    void this.tally.emit(this.socket, "chat", { text, clientId: `soak-${this.index}-${this.nextClientId++}` });
    return true;
  }

  ask(text: string, now: number): boolean {
    if (!this.isIn || !this.mayAct("ask", now)) return false;
    void this.tally.emit(this.socket, "ask", { text });
    return true;
  }

  upvote(now: number): boolean {
    if (!this.isIn || this.approved.size === 0 || !this.mayAct("upvote", now)) return false;
    const ids = [...this.approved];
    void this.tally.emit(this.socket, "upvote", { id: ids[Math.floor(Math.random() * ids.length)] });
    return true;
  }

  ping(): void {
    if (this.isIn) void this.tally.emit(this.socket, "ping", {});
  }

  /** Cuts the connection as a network blip would; socket.io-client reconnects by itself and resumes. */
  blip(): boolean {
    if (!this.isIn) return false;
    this.isBlipping = true;
    this.blips++;
    this.socket.io.engine.close();
    return true;
  }

  close(): void {
    this.isClosing = true;
    this.socket.disconnect();
  }
}
