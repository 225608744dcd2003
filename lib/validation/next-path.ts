/**
 * The `next` parameter after sign-in: only a plain same-site path is followed.
 * Browsers drop tabs and newlines from URLs ("/\t/evil" becomes "//evil"), and
 * a control character in a Location header is a server error, so any
 * whitespace, control character or backslash is refused outright. Dot
 * segments (also written %2e) are resolved first, and a path that then begins
 * with "//" is refused: "/mod/..//evil.example" is "//evil.example", which a
 * browser reads as another site.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//")) return null;
  if (/[\s\\\u0000-\u001f\u007f]/.test(next)) return null;
  const resolved = new URL(next, "http://podium.invalid");
  if (resolved.origin !== "http://podium.invalid" || resolved.pathname.startsWith("//")) return null;
  const path = resolved.pathname + resolved.search;
  // Followed as it is returned, the path must stay itself: nothing left to resolve into another meaning.
  return new URL(path, "http://podium.invalid").href === `http://podium.invalid${path}` ? path : null;
}
