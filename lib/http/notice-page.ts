import type { IncomingMessage, ServerResponse } from "node:http";

// Text and double-quoted attributes only, so an apostrophe can stay as typed.
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);

export type NoticePage = { headers: Record<string, string | number>; body: string };

/**
 * A small self-contained page for answers given before Next renders anything
 * (400, 403, 411, 413, and 503 while the database is down): readable without
 * JavaScript or stylesheets, no scripts (the Content-Security-Policy would
 * refuse them anyway), nothing internal. `refreshSeconds` reloads it by
 * itself (a meta refresh, so no script). Its one style block carries the
 * request's nonce (lib/http/guard-request.ts).
 */
export function noticePage(request: IncomingMessage, title: string, message: string, { refreshSeconds }: { refreshSeconds?: number } = {}): NoticePage {
  const nonce = String(request.headers["x-nonce"] ?? "");
  const refresh = refreshSeconds ? `\n<meta http-equiv="refresh" content="${refreshSeconds}">` : "";
  const body = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>${escapeHtml(title)} · Podium</title>
<style nonce="${escapeHtml(nonce)}">body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5; color: #1f2430 } h1 { font-size: 1.5rem }</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</body>
</html>
`;
  return { headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" }, body };
}

export function sendNoticePage(response: ServerResponse, status: number, title: string, message: string) {
  const page = noticePage(response.req, title, message);
  response.writeHead(status, page.headers);
  response.end(page.body);
}
