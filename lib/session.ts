import "server-only";
import { getIronSession } from "iron-session";
import { cookies, headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER } from "./http/client-address";
import { isForwardedHttps } from "./http/forwarded-proto";
import { sessionOptions, type SessionData } from "./session-options";

/** The session cookie; `ttl` applies when it is saved (staff sign-in passes the shorter staff lifetime). */
export async function getSession(ttl?: number) {
  return getIronSession<SessionData>(await cookies(), sessionOptions(isForwardedHttps((await headers()).get("x-forwarded-proto")), ttl));
}

/** The caller's address as server.ts worked it out (TRUST_PROXY), for per-address limits. */
export async function getClientAddress(): Promise<string> {
  return (await headers()).get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
