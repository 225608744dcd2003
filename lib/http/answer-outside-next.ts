import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { env } from "../env";
import { isForwardedHttps } from "./forwarded-proto";
import { securityHeaders } from "./security-headers";

// Two kinds of answer never pass through guardRequest: Socket.IO's own (it
// answers /socket.io/ before server.ts's request listener, errors included:
// an unknown sid, a refused Origin), and Node's answer to a request it could
// not parse (431 for headers over 16 KB, 400, 408). They carry the same
// security headers as every other response. No page of ours renders in them,
// so the policy names the server's default stream only.

const isDev = env.NODE_ENV !== "production";

function headersFor(forwardedProto: string | string[] | undefined) {
  return securityHeaders({ isDev, isHttps: isForwardedHttps(forwardedProto), streamUrl: env.STREAM_URL, frameAncestors: env.FRAME_ANCESTORS }).headers;
}

/** A request listener that runs before Socket.IO's (server.ts prepends it): sets the headers on its responses. */
export function setSocketIoHeaders(request: IncomingMessage, response: ServerResponse) {
  if (!request.url?.startsWith("/socket.io/")) return;
  for (const [name, value] of Object.entries(headersFor(request.headers["x-forwarded-proto"]))) response.setHeader(name, value);
}

const ANSWERS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "Payload Too Large"],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout"],
};

/**
 * The server's "clientError" handler: Node's own answer (a bare status line)
 * with the security headers added. As Node does, nothing is written on a
 * connection already reset, or once a response on it has begun.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex) {
  const current = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || current?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason] = ANSWERS[error.code ?? ""] ?? [400, "Bad Request"];
  const body = `${reason}\n`;
  // The request could not be read, so whether it came over https is unknown: no HSTS.
  const lines = Object.entries({ ...headersFor(undefined), "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(body)), Connection: "close" }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${lines.join("")}\r\n${body}`);
  // A client that keeps sending is cut off rather than read.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
