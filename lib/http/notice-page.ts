import type { ServerResponse } from "node:http";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A small self-contained page for answers given before Next renders anything
 * (403, 411, 413, 503): readable without JavaScript or stylesheets, no
 * scripts (the Content-Security-Policy would refuse them anyway), nothing
 * internal.
 */
export function sendNoticePage(response: ServerResponse, status: number, title: string, message: string, extraHeaders: Record<string, string> = {}) {
  // The request's nonce (lib/http/guard-request.ts) lets this page's one style block through the policy.
  const nonce = String(response.req?.headers["x-nonce"] ?? "");
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Podium</title>
<style nonce="${escapeHtml(nonce)}">body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2430 } h1 { font-size: 1.5rem }</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</body>
</html>
`;
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store", ...extraHeaders });
  response.end(body);
}
