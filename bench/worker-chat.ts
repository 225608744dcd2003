import type { Socket } from "socket.io-client";
import { chatText, clock, HISTOGRAM_BUCKETS, readChatText, type ChatReply, type Command, type TallyReply } from "./protocol";

// A load worker's chat traffic: sending at a fixed offered rate from many
// different viewers, and tallying what its viewers receive, with latency.

export type Viewer = { socket: Socket; proc: number; isIn: boolean };
type ChatCommand = Extract<Command, { type: "chat" }>;
type Ack = { ok: boolean; error?: string };

let currentStep = -1;
let received: number[][] = [[0]];
let histogram = new Uint32Array(HISTOGRAM_BUCKETS);
let nextSender = 0;

/** Adds a refused ack to its error code's count. */
export function countRefusal(refused: Record<string, number>, ack: { error?: string } | undefined) {
  const code = ack?.error ?? "no_ack";
  refused[code] = (refused[code] ?? 0) + 1;
}

export function recordChat(toProc: number, text: string) {
  const message = readChatText(text);
  if (!message || message.step !== currentStep) return;
  received[message.proc][toProc]++;
  histogram[Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.floor(clock() - message.sentAt)))]++;
}

export function tally(step: number): TallyReply {
  if (step !== currentStep) throw new Error(`Asked for step ${step}, but this worker is on step ${currentStep}.`);
  return { received, histogram };
}

/**
 * The next viewer to send, round-robin over this worker's connected ones and
 * carried on across steps, so each person stays far below Podium's limit of 8
 * messages per 10 s however high the rate goes.
 */
function nextConnected(viewers: Viewer[]): Viewer | undefined {
  for (let tried = 0; tried < viewers.length; tried++) {
    const viewer = viewers[nextSender++ % viewers.length];
    if (viewer.isIn && viewer.socket.connected) return viewer;
  }
  return undefined;
}

/** Sends evenly spaced messages for the step's duration; resolves once every ack has come (or timed out). */
export function sendChat(viewers: Viewer[], command: ChatCommand): Promise<ChatReply> {
  const { procs } = command;
  currentStep = command.step;
  received = Array.from({ length: procs }, () => new Array<number>(procs).fill(0));
  histogram = new Uint32Array(HISTOGRAM_BUCKETS);

  const reply: ChatReply = { sent: 0, ackedByProc: new Array<number>(procs).fill(0), refused: {}, ackTimeouts: 0, unsent: 0 };
  const total = Math.round((command.ratePerSecond * command.durationMs) / 1000);
  const dueAt = (index: number) => command.startAt + command.offsetMs + (index * 1000) / command.ratePerSecond;
  let scheduled = 0;
  let settled = 0;
  return new Promise((resolve) => {
    const settle = () => {
      if (++settled === total) resolve(reply);
    };
    const sendOne = () => {
      const viewer = nextConnected(viewers);
      if (!viewer) {
        reply.unsent++;
        return settle();
      }
      reply.sent++;
      viewer.socket.timeout(command.ackTimeoutMs).emit("chat", { text: chatText(command.step, viewer.proc, clock()) }, (error: Error | null, ack?: Ack) => {
        if (error) reply.ackTimeouts++;
        else if (ack?.ok) reply.ackedByProc[viewer.proc]++;
        else countRefusal(reply.refused, ack);
        settle();
      });
    };
    // Catches up when the event loop was busy, so the offered rate holds on average.
    const tick = () => {
      while (scheduled < total && dueAt(scheduled) <= clock()) {
        scheduled++;
        sendOne();
      }
      if (scheduled < total) setTimeout(tick, dueAt(scheduled) - clock());
    };
    if (total === 0) resolve(reply);
    else tick();
  });
}
