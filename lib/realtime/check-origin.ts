import type { IncomingMessage } from "node:http";

/**
 * allowRequest for Socket.IO: WebSockets are not covered by CORS, so a page on
 * another site could otherwise open a socket with the visitor's cookie. A
 * browser always sends Origin; it must be the host the request came to or one
 * listed in ALLOWED_ORIGINS. Non-browser clients send no Origin and carry
 * their cookie explicitly, so they are not at risk and are let through.
 */
export function isAllowedOrigin(request: Pick<IncomingMessage, "headers">, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  // Host only: X-Forwarded-Host comes from the client unless a proxy rewrites it. Behind a proxy that
  // changes Host, list the public origin in ALLOWED_ORIGINS.
  const host = request.headers.host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost === host || allowedOrigins.includes(origin.replace(/\/$/, ""));
}
