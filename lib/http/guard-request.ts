import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../env";
import { streamUrlForPath } from "../events/stream-for-path";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "./client-address";
import { peekBody, readForm } from "./form-body";
import { isOwnSitePost } from "./form-origin";
import { isForwardedHttps } from "./forwarded-proto";
import { securityHeaders } from "./security-headers";
import { sendNoticePage } from "./notice-page";
import { isProgressiveFormIntact, isServerActionForm, isServerActionWithoutForm } from "./server-action-body";

/**
 * Posts to Podium are its forms' server actions, a few hundred bytes. Anything
 * much larger is refused before Next reads it (Next's own limit answers a bare 500).
 */
export const MAX_BODY_BYTES = 100 * 1024;
/**
 * A refused post's body is read and thrown away, so the client (still sending)
 * gets to read the refusal instead of a broken pipe; beyond this the
 * connection is cut.
 */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;
/** How long a post's body may take to arrive whole before the connection is dropped. */
const BODY_TIMEOUT_MS = 10_000;

function refuse(request: IncomingMessage, response: ServerResponse, status: number, title: string, message: string) {
  let discarded = 0;
  request.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) request.destroy();
  });
  sendNoticePage(response, status, title, message);
}

function refuseGarbled(request: IncomingMessage, response: ServerResponse) {
  refuse(request, response, 400, "That form could not be read", "The form arrived incomplete or garbled. Go back, reload the page and send it again.");
}

const isDev = env.NODE_ENV !== "production";

function isDecodablePath(url = "/"): boolean {
  try {
    decodeURIComponent(url.split("?")[0]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs first for every HTTP request (server.ts): records the client's address
 * for per-address limits, sets the security headers, and refuses what must
 * never reach Next: paths that cannot be decoded (400), cross-site posts (403),
 * oversized bodies (413, or 411 when a post does not say its length), and forms
 * or server-action calls that cannot be read (400).
 * True when it answered the request.
 */
export async function guardRequest(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  request.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(request, env.TRUST_PROXY);

  const { nonce, headers } = securityHeaders({ isDev, isHttps: isForwardedHttps(request.headers["x-forwarded-proto"]), streamUrl: await streamUrlForPath(request.url ?? "/"), frameAncestors: env.FRAME_ANCESTORS });
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  // Next takes the nonce for this page's scripts from the request's policy.
  request.headers["content-security-policy"] = headers["Content-Security-Policy"];
  request.headers["x-nonce"] = nonce;

  // Next answers a path it cannot decode (a broken escape in /e/<slug>/…, say) with a bare 500.
  if (!isDecodablePath(request.url)) {
    refuse(request, response, 400, "That address could not be read", "The link is garbled. Check it and try again, or start from Podium's home page.");
    return true;
  }

  const method = request.method ?? "GET";
  if (method === "GET" || method === "HEAD" || method === "OPTIONS" || request.url?.startsWith("/socket.io/")) return false;

  // Server actions check Origin themselves but answer a mismatch with a 500; a refusal is a 403.
  if (!isOwnSitePost(request, env.ALLOWED_ORIGINS)) {
    refuse(request, response, 403, "Request refused", "This form was sent from another site, so Podium did not accept it. Open Podium's own page and try again.");
    return true;
  }
  const length = request.headers["content-length"];
  if (length === undefined && request.headers["transfer-encoding"]) {
    refuse(request, response, 411, "Length required", "Podium accepts forms that say their size up front.");
    return true;
  }
  if (Number(length) > MAX_BODY_BYTES) {
    refuse(request, response, 413, "That was too much text", "What you sent is larger than any Podium form accepts. Go back, shorten what you typed and send it again.");
    return true;
  }
  const contentType = String(request.headers["content-type"] ?? "");
  const isActionCall = request.headers["next-action"] !== undefined;
  // Next reads a body as multipart only when its type starts exactly so (lib/http/server-action-body.ts).
  if (isActionCall && !contentType.startsWith("multipart/form-data")) {
    const body = Number(length ?? 0) > 0 ? await peekBody(request, Number(length), BODY_TIMEOUT_MS) : Buffer.alloc(0);
    if (body === null) {
      request.destroy();
      return true;
    }
    if (isServerActionWithoutForm(String(request.headers["next-action"]), contentType, body)) return false;
    refuseGarbled(request, response);
    return true;
  }
  if (/^multipart\/form-data\b/i.test(contentType)) {
    const form = await readForm(request, Number(length ?? 0), BODY_TIMEOUT_MS);
    if (form === null) {
      // The client stopped sending: nobody is waiting for an answer.
      request.destroy();
      return true;
    }
    const isIntact = form !== "garbled" && (isActionCall ? isServerActionForm(String(request.headers["next-action"]), form) : isProgressiveFormIntact(form));
    if (!isIntact) {
      refuseGarbled(request, response);
      return true;
    }
  }
  return false;
}
