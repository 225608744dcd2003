import "server-only";
import { headers } from "next/headers";
import { isForwardedHttps } from "./forwarded-proto";

/**
 * This request's origin (https://events.example.com), for links people copy or scan: the
 * attendee link and its QR code. Host is what the browser asked for (X-Forwarded-Host is
 * ignored, as everywhere in Podium); https when the proxy in front says so.
 */
export async function requestOrigin(): Promise<string> {
  const requestHeaders = await headers();
  return `${isForwardedHttps(requestHeaders.get("x-forwarded-proto")) ? "https" : "http"}://${requestHeaders.get("host") ?? "localhost"}`;
}
