import type { IncomingMessage } from "node:http";

/** Set by server.ts on every request (any value the client sent is replaced), read by server actions for per-address limits. */
export const CLIENT_ADDRESS_HEADER = "x-podium-client-address";

/**
 * The address a request came from. With `trustedProxies` = 0 it is the
 * connection's own; behind N proxies that each append to X-Forwarded-For it
 * is the entry the outermost trusted proxy wrote (earlier entries are the
 * client's own claims and are ignored).
 */
export function clientAddressOf(request: Pick<IncomingMessage, "headers" | "socket">, trustedProxies: number): string {
  const own = request.socket.remoteAddress ?? "unknown";
  if (trustedProxies === 0) return own;
  const forwarded = String(request.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded.at(-trustedProxies) ?? forwarded[0] ?? own;
}
