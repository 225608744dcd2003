import "server-only";
import { getIronSession } from "iron-session";
import { cookies, headers } from "next/headers";
import { sessionOptions, type SessionData } from "./session-options";

/** Behind a TLS-terminating proxy the request arrives as http with X-Forwarded-Proto: https. */
async function isHttpsRequest(): Promise<boolean> {
  const requestHeaders = await headers();
  return requestHeaders.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export async function getSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions(await isHttpsRequest()));
}
