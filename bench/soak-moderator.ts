import { io, type Socket } from "socket.io-client";
import type { ChatMessageView, QuestionView, RoomState, RoomStats } from "../lib/realtime/contract";
import type { SoakTally } from "./soak-tally";

// The soak's one moderator, on /mod: approves every question asked after a
// person's reading time, marks the oldest approved ones answered so the
// speaker's list stays about 20 long, and hides a recent chat message now and
// then. Together well within one person's moderation limit (soak-options.ts).

const READING_MS = { min: 1_000, max: 3_000 };
const APPROVED_KEPT = 20;
const RECENT_CHAT_KEPT = 50;

export class SoakModerator {
  private readonly socket: Socket;
  private readonly approvedInOrder: number[] = [];
  private readonly recentChat: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private hideTimer?: NodeJS.Timeout;
  private stats?: RoomStats;
  private isStopped = false;

  private constructor(
    url: string,
    cookie: string,
    private readonly tally: SoakTally,
  ) {
    this.socket = io(url, { transports: ["websocket"], forceNew: true, extraHeaders: { cookie }, auth: { surface: "mod" } });
    this.socket.on("state", (state: RoomState) => {
      this.stats = state.stats;
      for (const question of state.pending ?? []) this.approveLater(question.id);
    });
    this.socket.on("question", (question: QuestionView) => {
      if (question.status === "pending") this.approveLater(question.id);
      if (question.status === "approved" && !this.approvedInOrder.includes(question.id)) this.approvedInOrder.push(question.id);
      if (question.status === "answered" && this.approvedInOrder.includes(question.id)) this.approvedInOrder.splice(this.approvedInOrder.indexOf(question.id), 1);
    });
    this.socket.on("chat", (message: ChatMessageView) => {
      this.recentChat.push(message.id);
      if (this.recentChat.length > RECENT_CHAT_KEPT) this.recentChat.shift();
    });
    this.socket.on("stats", (stats: RoomStats) => (this.stats = stats));
    this.socket.on("connect_error", (error) => tally.connectError(`moderator: ${error.message}`));
    this.socket.on("disconnect", (reason) => !this.isStopped && tally.drop(`moderator: ${reason}`));
  }

  static async open(url: string, cookie: string, tally: SoakTally, timeoutMs = 15_000): Promise<SoakModerator> {
    const moderator = new SoakModerator(url, cookie, tally);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The moderator got no state within ${timeoutMs / 1000} s.`)), timeoutMs);
      moderator.socket.once("state", () => (clearTimeout(timer), resolve()));
    });
    return moderator;
  }

  /** Podium's own count of people watching, from the latest `stats`. */
  get viewersConnected(): number | undefined {
    return this.stats?.viewersConnected;
  }

  startHiding(perSecond: number) {
    if (perSecond <= 0) return;
    this.hideTimer = setInterval(() => {
      // Not the newest: a person reads a message before hiding it.
      const id = this.recentChat[Math.floor(Math.random() * Math.max(0, this.recentChat.length - 5))];
      if (id && this.socket.connected) void this.tally.emit(this.socket, "hide", { id });
    }, 1000 / perSecond);
  }

  private approveLater(id: number) {
    if (this.isStopped) return;
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      if (this.isStopped || !this.socket.connected) return;
      await this.tally.emit(this.socket, "approve", { id });
      const oldest = this.approvedInOrder.length > APPROVED_KEPT ? this.approvedInOrder.shift() : undefined;
      if (oldest && !this.isStopped) await this.tally.emit(this.socket, "answer", { id: oldest });
    }, READING_MS.min + Math.random() * (READING_MS.max - READING_MS.min));
    this.timers.add(timer);
  }

  /** No more moderation from now on (acks still in flight are waited for by the caller). */
  stop() {
    this.isStopped = true;
    clearInterval(this.hideTimer);
    for (const timer of this.timers) clearTimeout(timer);
  }

  close() {
    this.stop();
    this.socket.disconnect();
  }
}
