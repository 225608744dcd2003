import { randomBytes } from "node:crypto";
import { streamOrigin } from "../events/stream-origin";

// The headers every response carries (server.ts sets them before Next or
// Socket.IO sees the request). The Content-Security-Policy allows exactly
// what Podium uses: its own scripts, each page's inline scripts by a nonce
// made for that request (Next reads it from the request's own
// Content-Security-Policy header and puts it on every script it renders),
// its own styles, its own socket, and the stream's origin in a frame.

export type PolicyOptions = {
  isDev: boolean;
  isHttps: boolean;
  /** The page's event's stream (STREAM_URL when it has none): a path (Podium's own placeholder) or an http(s) URL. */
  streamUrl: string;
  /** FRAME_ANCESTORS: origins that may frame Podium; empty means only Podium itself. */
  frameAncestors: string[];
};

export function contentSecurityPolicy(nonce: string, options: PolicyOptions): string {
  const stream = streamOrigin(options.streamUrl);
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load (Next's chunks) are trusted; nothing else runs.
    // Development adds eval for React's debugging and inline styles for Next's overlay.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.isDev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${options.isDev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The live room's socket (ws: and wss: to this origin are 'self').
    "connect-src 'self'",
    `frame-src 'self'${stream ? ` ${stream}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors 'self'${options.frameAncestors.map((origin) => ` ${origin}`).join("")}`,
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Every response's security headers, and the nonce this request's page uses. */
export function securityHeaders(options: PolicyOptions): { nonce: string; headers: Record<string, string> } {
  const nonce = randomBytes(16).toString("base64");
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    // For browsers older than frame-ancestors; it cannot name other sites, so only without FRAME_ANCESTORS.
    ...(options.frameAncestors.length ? {} : { "X-Frame-Options": "SAMEORIGIN" }),
    // A year; not includeSubDomains, which would bind other services on the organiser's domain.
    ...(options.isHttps ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
  return { nonce, headers };
}
