import type { IncomingMessage } from "node:http";
import { noticePage, type NoticePage } from "./notice-page";

/** How long a browser (or a load balancer, or a script) should wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

const TITLE = "Podium can't reach its database";
const MESSAGE = "It is retrying. This page reloads by itself every few seconds and opens as soon as the database is back. You are still signed in.";

/** What a page request gets while the database is down: a 503 notice that reloads itself and says when to retry. */
export function outagePage(request: IncomingMessage): NoticePage {
  const page = noticePage(request, TITLE, MESSAGE, { refreshSeconds: RETRY_AFTER_SECONDS });
  return { headers: { ...page.headers, "Retry-After": String(RETRY_AFTER_SECONDS) }, body: page.body };
}
