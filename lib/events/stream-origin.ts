/**
 * The origin a stream URL is framed from: what the page's Content-Security-Policy must allow in
 * `frame-src` (lib/http/security-headers.ts), and what the watch page compares when an organiser
 * moves the stream (components/watch/event-stage.tsx). Null for a path (Podium's own placeholder)
 * and for anything that is not a plain http(s) URL on a well-formed host: the policy then allows
 * no stream site at all, so a bad URL stored before it was refused cannot add to the policy.
 */
export function streamOrigin(streamUrl: string): string | null {
  return parseStreamUrl(streamUrl)?.origin ?? null;
}

export type StreamUrl = { origin: string; protocol: "http:" | "https:" };

/**
 * A CSP host-source is letters, digits and dashes between dots (CSP3's `host-char`), so that is
 * all a hostname may be: `;`, `,`, quotes, `*` and spaces would each end or widen the directive,
 * and WHATWG URLs accept every one of them in a host. IDNs arrive as punycode (URL's hostname),
 * and IPv4 literals as URL writes them (dotted decimal, which the grammar allows). IPv6 literals
 * ([::1]) have no place in that grammar, so they are refused.
 */
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Characters a browser drops or reads differently in a URL than it is shown: refused rather than cleaned. */
const UNSAFE_CHARACTERS = /[\s\\\u0000-\u001f\u007f]/;

/** An http(s) URL with no user or password and a well-formed host; null for anything else (paths included). */
export function parseStreamUrl(value: string): StreamUrl | null {
  if (UNSAFE_CHARACTERS.test(value) || !/^https?:\/\/[^/]/i.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // "https://@host/" has an empty user but still says one: the authority must hold no "@" at all.
  const authority = value.slice(value.indexOf("//") + 2).split(/[/?#]/)[0];
  if (url.username || url.password || authority.includes("@")) return null;
  const host = url.hostname;
  if (host.length > 253 || !host.split(".").every((label) => DNS_LABEL.test(label))) return null;
  return { origin: url.origin, protocol: url.protocol };
}
