import type { IncomingMessage, ServerResponse } from "node:http";
import { isDatabaseDown } from "../health/database-health";
import { sendHealth } from "./health-check";
import { outagePage } from "./outage-page";

// server.ts calls this for every request before Next. It answers /healthz,
// and makes sure a page asked for while the database is down gets the
// friendly 503 (lib/http/outage-page.ts), never Next's 500 error page (whose
// HTML is empty until JavaScript draws the error card).
//
// - Once this process knows the database is down (lib/health/database-health.ts),
//   pages are answered here at once, without waiting for a pool.
// - The request that discovers the outage is already inside Next, whose page
//   fails with a 500. Next decides that status before it writes anything (the
//   page's first await is the session lookup), so the response is watched: a
//   5xx while the database is known down becomes the 503 page, and what Next
//   goes on writing is dropped.

/** True when this request was answered here. */
export function guardOutage(request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? "/").split("?")[0];
  if (path === "/healthz") {
    void sendHealth(request, response);
    return true;
  }
  if (!isPageRequest(request.method, path)) return false;
  if (isDatabaseDown()) {
    const { headers, body } = outagePage(request);
    response.writeHead(503, headers);
    response.end(body);
    return true;
  }
  replaceServerErrorDuringOutage(request, response);
  return false;
}

/**
 * A page a person opens: GET or HEAD, not Next's assets, the socket, the
 * health check, the stream placeholder (it needs no database, and may sit in
 * a frame of a page that is still working), a file, or a CSV export (which
 * answers its own 503 as text).
 */
function isPageRequest(method: string | undefined, path: string): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (/^\/(_next|socket\.io|healthz|stream)(\/|$)/.test(path)) return false;
  if (/\.[A-Za-z0-9]+$/.test(path) || path.endsWith("/export")) return false;
  return true;
}

type Write = ServerResponse["write"];
type End = ServerResponse["end"];
type WriteHead = ServerResponse["writeHead"];

/**
 * Wraps this response's writeHead, write and end (before Next, or Next's
 * compression, wraps them in turn): the first to run with a 5xx status while
 * the database is known down sends the 503 page through the original methods
 * instead, and everything Next writes after that is dropped.
 */
function replaceServerErrorDuringOutage(request: IncomingMessage, response: ServerResponse) {
  // The headers set so far (security headers) stay; the ones Next adds for its own page go.
  const ownHeaders = new Set(response.getHeaderNames());
  const original = { writeHead: response.writeHead, write: response.write, end: response.end };
  let page: ReturnType<typeof outagePage> | null = null;

  const isOutageError = (status: number) => status >= 500 && isDatabaseDown();
  const replace = () => {
    page = outagePage(request);
    for (const name of response.getHeaderNames()) if (!ownHeaders.has(name)) response.removeHeader(name);
    original.writeHead.call(response, 503, page.headers);
  };

  response.writeHead = function (this: ServerResponse, ...args: Parameters<WriteHead>) {
    if (page) return this;
    if (!isOutageError(args[0])) return original.writeHead.apply(this, args);
    replace();
    return this;
  } as WriteHead;

  response.write = function (this: ServerResponse, ...args: Parameters<Write>) {
    if (!page && !this.headersSent && isOutageError(this.statusCode)) replace();
    if (!page) return original.write.apply(this, args);
    const callback = args.find((arg) => typeof arg === "function");
    if (callback) process.nextTick(callback);
    return true;
  } as Write;

  let isEnded = false;
  response.end = function (this: ServerResponse, ...args: Parameters<End>) {
    if (!page && !this.headersSent && isOutageError(this.statusCode)) replace();
    if (!page) return original.end.apply(this, args);
    if (isEnded) return this;
    isEnded = true;
    const callback = args.find((arg) => typeof arg === "function") as (() => void) | undefined;
    return original.end.call(this, page.body, "utf8", callback);
  } as End;
}
