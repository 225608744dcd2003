import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";

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
  if (trustedProxies === 0) return limitKey(own);
  const forwarded = String(request.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return limitKey(forwarded.at(-trustedProxies) ?? forwarded[0] ?? own);
}

/**
 * What per-address limits count: an IPv4 address as it is (also when written
 * IPv4-mapped, ::ffff:192.0.2.1), an IPv6 address by its /64 network, since
 * one home or phone is given a whole /64 and could otherwise pick a fresh
 * address for every attempt.
 */
export function limitKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
