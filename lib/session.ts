import "server-only";
import { getIronSession } from "iron-session";
import { cookies, headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER } from "./http/client-address";
import { sessionOptions, type SessionData } from "./session-options";

/** Behind a TLS-terminating proxy the request arrives as http with X-Forwarded-Proto: https. */
async function isHttpsRequest(): Promise<boolean> {
  const requestHeaders = await headers();
  return requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** The session cookie; `ttl` applies when it is saved (staff sign-in passes the shorter staff lifetime). */
export async function getSession(ttl?: number) {
  return getIronSession<SessionData>(await cookies(), sessionOptions(await isHttpsRequest(), ttl));
}

/** The caller's address as server.ts worked it out (TRUST_PROXY), for per-address limits. */
export async function getClientAddress(): Promise<string> {
  return (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
