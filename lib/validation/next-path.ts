/**
 * The `next` parameter after sign-in: only a plain same-site path is followed.
 * Browsers drop tabs and newlines from URLs ("/\t/evil" becomes "//evil"), and
 * a control character in a Location header is a server error, so any
 * whitespace, control character or backslash is refused outright.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//")) return null;
  if (/[\s\\\u0000-\u001f\u007f]/.test(next)) return null;
  const resolved = new URL(next, "http://podium.invalid");
  if (resolved.origin !== "http://podium.invalid") return null;
  return resolved.pathname + resolved.search;
}
