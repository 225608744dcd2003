import { chatText, clock } from "./protocol";
import type { SoakOptions } from "./soak-options";
import type { SoakViewer } from "./soak-viewer";

// What the audience does, at steady total rates: chat, questions, votes and
// network blips go to people picked at random (each kept within half its own
// limits by SoakViewer), and every viewer pings once per heartbeat interval
// from its own random start, as tabs opened at different times would.

const TICK_MS = 50;
/** Tries to find someone allowed to act before the action counts as skipped. */
const PICKS = 20;

type Stream = { name: "chat" | "ask" | "upvote" | "blip"; perSecond: number; act: (viewer: SoakViewer, now: number, count: number) => boolean };

export type TrafficCounts = { offered: Record<string, number>; skipped: Record<string, number> };

export class Traffic {
  readonly counts: TrafficCounts = { offered: {}, skipped: {} };
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly streams: Stream[];

  constructor(
    private readonly viewers: SoakViewer[],
    options: SoakOptions,
  ) {
    this.streams = [
      { name: "chat", perSecond: options.chatRate, act: (viewer, now) => viewer.chat(chatText(0, 0, now), now) },
      { name: "ask", perSecond: options.askRate, act: (viewer, now, count) => viewer.ask(`Soak question ${count + 1}`, now) },
      { name: "upvote", perSecond: options.upvoteRate, act: (viewer, now) => viewer.upvote(now) },
      { name: "blip", perSecond: options.reconnectsPerMinute / 60, act: (viewer) => viewer.blip() },
    ];
  }

  start(heartbeatSeconds: number) {
    const startedAt = clock();
    const due = this.streams.map(() => 0);
    // Catches up when the event loop was busy, so each offered rate holds on average.
    this.timers.push(
      setInterval(() => {
        const now = clock();
        this.streams.forEach((stream, index) => {
          const owed = Math.floor(((now - startedAt) / 1000) * stream.perSecond);
          for (; due[index] < owed; due[index]++) this.offer(stream, now, due[index]);
        });
      }, TICK_MS),
    );
    for (const viewer of this.viewers) {
      const first = setTimeout(() => {
        viewer.ping();
        this.timers.push(setInterval(() => viewer.ping(), heartbeatSeconds * 1000));
      }, Math.random() * heartbeatSeconds * 1000);
      this.timers.push(first);
    }
  }

  private offer(stream: Stream, now: number, count: number) {
    this.counts.offered[stream.name] = (this.counts.offered[stream.name] ?? 0) + 1;
    for (let pick = 0; pick < PICKS; pick++) {
      if (stream.act(this.viewers[Math.floor(Math.random() * this.viewers.length)], now, count)) return;
    }
    this.counts.skipped[stream.name] = (this.counts.skipped[stream.name] ?? 0) + 1;
  }

  stop() {
    // clearInterval clears timeouts too.
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
  }
}
