import type { IncomingMessage } from "node:http";
import { isForwardedHttps } from "./forwarded-proto";

/**
 * Whether a post comes from Podium's own pages (the CSRF check before Next).
 * A browser says where a post comes from: Origin, and Sec-Fetch-Site even when
 * it leaves Origin out. Allowed:
 * - an Origin listed in ALLOWED_ORIGINS, whatever Sec-Fetch-Site says (a
 *   sibling subdomain an organiser listed is "same-site");
 * - otherwise an Origin with the request's own scheme and Host. The scheme is
 *   https when X-Forwarded-Proto says so (the TLS proxy in front), else http:
 *   http://host is another origin than https://host, and a page an attacker
 *   injected into plain http must not post to the https site;
 * - no Origin and no Sec-Fetch-Site, or one of "same-origin" or "none": not a
 *   browser (scripts carry their cookie themselves), or a browser at home.
 * "cross-site" and "same-site" are refused unless the Origin is listed: a
 * subdomain of the same site is another party's page.
 */
export function isOwnSitePost(request: Pick<IncomingMessage, "headers">, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && allowedOrigins.includes(origin.replace(/\/$/, ""))) return true;
  const site = String(request.headers["sec-fetch-site"] ?? "").toLowerCase();
  if (site === "cross-site" || site === "same-site") return false;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = isForwardedHttps(request.headers["x-forwarded-proto"]) ? "https:" : "http:";
  return url.protocol === scheme && url.host === request.headers.host;
}
