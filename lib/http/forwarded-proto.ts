/**
 * Behind a TLS-terminating proxy the request arrives as http with X-Forwarded-Proto: https.
 * The first value counts (the proxy nearest the browser); pass the header as read.
 */
export function isForwardedHttps(forwardedProto: string | string[] | null | undefined): boolean {
  return String(forwardedProto ?? "").split(",")[0]?.trim() === "https";
}
