import WebSocket from "ws";
import { baseURL } from "./raw-http";

// Engine.IO and Socket.IO spoken by hand over a plain WebSocket, so a test can
// send frames no Socket.IO client would: truncated JSON, unknown packet
// types, binary noise, reserved event names.

const socketUrl = `${baseURL.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;

export type Handshake = { kind: "connected" } | { kind: "connect_error"; message: string } | { kind: "closed"; code: number } | { kind: "http"; status: number };

export class RawSocket {
  readonly frames: string[] = [];
  closeCode: number | null = null;
  private waiters = new Set<() => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      const frame = isBinary ? `<binary ${data.length}>` : data.toString("utf8");
      // Engine.IO's heartbeat: the server pings, a live client pongs.
      if (frame === "2") return ws.send("3");
      this.frames.push(frame);
      this.wake();
    });
    ws.on("close", (code: number) => {
      this.closeCode = code;
      this.wake();
    });
    ws.on("error", () => {});
  }

  private wake() {
    for (const waiter of this.waiters) waiter();
  }

  /**
   * Opens the WebSocket and sends Socket.IO's CONNECT with `auth` as it
   * stands (any string: the point is to send malformed ones). Resolves with
   * how the server answered.
   */
  static open(headers: Record<string, string>, auth: string | null = '{"surface":"speaker"}'): Promise<{ socket: RawSocket; handshake: Handshake }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(socketUrl, { headers });
      const socket = new RawSocket(ws);
      ws.on("unexpected-response", (_request, response) => {
        resolve({ socket, handshake: { kind: "http", status: response.statusCode ?? 0 } });
        ws.terminate();
      });
      void socket.waitFor((frame) => frame.startsWith("0"), 5_000).then(async (open) => {
        if (!open) return resolve({ socket, handshake: { kind: "closed", code: socket.closeCode ?? 0 } });
        if (auth !== null) ws.send(`40${auth}`);
        const reply = await socket.waitFor((frame) => frame.startsWith("40") || frame.startsWith("44"), 5_000);
        if (reply?.startsWith("44")) return resolve({ socket, handshake: { kind: "connect_error", message: JSON.parse(reply.slice(2)).message } });
        if (reply) return resolve({ socket, handshake: { kind: "connected" } });
        resolve({ socket, handshake: { kind: "closed", code: socket.closeCode ?? 0 } });
      });
    });
  }

  send(frame: string | Buffer) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** The first frame so far (or to come within `ms`) that matches, or null if none came or the connection closed. */
  waitFor(matches: (frame: string) => boolean, ms: number): Promise<string | null> {
    return new Promise((resolve) => {
      const check = () => {
        const found = this.frames.find(matches);
        if (found !== undefined || this.closeCode !== null) finish(found ?? null);
      };
      const finish = (result: string | null) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(result);
      };
      const timer = setTimeout(() => finish(null), ms);
      this.waiters.add(check);
      check();
    });
  }

  /** The close code once the server has closed the connection, or null if it is still open after `ms`. */
  async waitForClose(ms: number): Promise<number | null> {
    await this.waitFor(() => false, ms);
    return this.closeCode;
  }

  /** The ack (decoded) for a packet sent with this ack id, or null. */
  async ackFor(id: number, ms = 5_000): Promise<unknown> {
    const frame = await this.waitFor((candidate) => candidate.startsWith(`43${id}[`), ms);
    return frame ? JSON.parse(frame.slice(`43${id}`.length))[0] : null;
  }

  close() {
    this.ws.terminate();
  }
}
