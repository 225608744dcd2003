import type { IncomingMessage } from "node:http";

/** How long a browser (or a load balancer, or a script) should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

const TITLE = "Podium can't reach its database";
const MESSAGE = "It is retrying. This page reloads by itself every few seconds and opens as soon as the database is back. You are still signed in.";

/**
 * What a page request gets while the database is down: a 503 readable
 * without JavaScript, that reloads itself (a meta refresh: no script, so the
 * Content-Security-Policy has nothing to refuse) and says when to retry.
 * The style block carries the request's nonce (lib/http/guard-request.ts).
 */
export function outagePage(request: IncomingMessage): { headers: Record<string, string | number>; body: string } {
  const nonce = String(request.headers["x-nonce"] ?? "").replace(/[^A-Za-z0-9+/=]/g, "");
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>${TITLE} · Podium</title>
<style nonce="${nonce}">body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2430 } h1 { font-size: 1.5rem }</style></head>
<body>
<h1>${TITLE}</h1>
<p>${MESSAGE}</p>
</body>
</html>
`;
  return {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Cache-Control": "no-store",
      "Retry-After": String(RETRY_AFTER_SECONDS),
    },
    body,
  };
}
