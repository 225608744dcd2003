import type { SessionOptions } from "iron-session";
import { env } from "./env";

// The session cookie's shape and options, free of Next imports so server.ts
// (Socket.IO handshakes) can read the same cookie the pages write.

export type SessionData = {
  userId?: number;
  /**
   * True only when the person signed in at /staff with a password. The
   * email-only form leaves it false, and lib/auth.ts then treats the account
   * as a viewer whatever its role: knowing a staff email grants nothing.
   */
  isStaffSignIn?: boolean;
  /** For staff: a fingerprint of the password hash at sign-in, so changing the password ends old sessions. */
  passwordStamp?: string;
};

export const SESSION_COOKIE = "podium_session";
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;

export function sessionOptions(isHttps: boolean): SessionOptions {
  return {
    password: env.SESSION_SECRET,
    cookieName: SESSION_COOKIE,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: isHttps, path: "/" },
  };
}
