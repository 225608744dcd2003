import { fork, type ChildProcess } from "../scripts/child-process.mjs";
import path from "node:path";
import { stopProcess, track } from "./processes";
import { clock, type Command, type ConnectReply, type DisconnectReply, type Reply, type Target } from "./protocol";
import { mergeCounts, sum } from "./sums";

// The coordinator's side of the load generator: several worker processes (one
// process alone cannot keep thousands of sockets busy), each holding a share
// of the viewers, driven over IPC with request/answer pairs.

export type ConnectOutcome = {
  viewers: number;
  in: number;
  connectedByProc: number[];
  failedHandshakes: number;
  failedHandshakesByMessage: Record<string, number>;
  /** Seconds from the start until the last viewer got `state`; null when not all did in time. */
  seconds: number | null;
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

export class LoadPool {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly workers: ChildProcess[]) {
    for (const worker of workers) {
      worker.on("message", (reply: Reply) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        clearTimeout(waiting.timer);
        if (reply.error) waiting.reject(new Error(`Load worker: ${reply.error}`));
        else waiting.resolve(reply.result);
      });
    }
  }

  static start(count: number): LoadPool {
    const script = path.join(import.meta.dirname, "load-worker.ts");
    // "advanced" serialization sends latency histograms as typed arrays, not JSON.
    return new LoadPool(Array.from({ length: count }, () => track(fork(script, [], { execArgv: ["--import", "tsx"], serialization: "advanced" }))));
  }

  get size(): number {
    return this.workers.length;
  }

  get pids(): number[] {
    return this.workers.map((worker) => worker.pid!);
  }

  private ask<Result>(worker: ChildProcess, command: Command, timeoutMs: number): Promise<Result> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`A load worker did not answer "${command.type}" within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      worker.send({ id, command });
    });
  }

  /** Sends each worker its own command (by worker index) and waits for every answer. */
  each<Result>(commandFor: (index: number) => Command, timeoutMs = 30_000): Promise<Result[]> {
    return Promise.all(this.workers.map((worker, index) => this.ask<Result>(worker, commandFor(index), timeoutMs)));
  }

  /** Connects all targets at once, split over the workers in contiguous slices. */
  async connect(targets: Target[], timeoutMs: number): Promise<ConnectOutcome> {
    const startAt = clock() + 500;
    const share = Math.ceil(targets.length / this.size);
    const replies = await this.each<ConnectReply>(
      (index) => ({ type: "connect", targets: targets.slice(index * share, (index + 1) * share), startAt, timeoutMs }),
      timeoutMs + 30_000,
    );
    const procs = Math.max(1, ...replies.map((reply) => reply.connectedByProc.length));
    const connectedByProc = Array.from({ length: procs }, (_, proc) => sum(replies.map((reply) => reply.connectedByProc[proc] ?? 0)));
    const connected = sum(connectedByProc);
    const failedHandshakesByMessage = mergeCounts(replies.map((reply) => reply.failedHandshakes));
    return {
      viewers: targets.length,
      in: connected,
      connectedByProc,
      failedHandshakes: sum(Object.values(failedHandshakesByMessage)),
      failedHandshakesByMessage,
      seconds: connected === targets.length ? (Math.max(...replies.map((reply) => reply.lastInAt)) - startAt) / 1000 : null,
    };
  }

  /** Closes every viewer socket; returns how many the server had dropped since they connected. */
  async disconnect(): Promise<number> {
    const replies = await this.each<DisconnectReply>(() => ({ type: "disconnect" }));
    return sum(replies.map((reply) => reply.dropped));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => stopProcess(worker)));
  }
}
