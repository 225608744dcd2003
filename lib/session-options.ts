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
  /** Random, one per sign-in: signing out records it as ended, which ends every copy of this cookie (lib/users/sessions.ts). */
  sessionId?: string;
  /**
   * users.session_version when the cookie was sealed; an admin ending all of
   * a person's sessions moves it on. Missing (a cookie from before versions
   * existed) counts as 0.
   */
  version?: number;
  /** When the session ends (ms since the epoch), as sealed in the cookie: open sockets outlive a cookie check, so they check this. */
  expiresAt?: number;
};

export const SESSION_COOKIE = "podium_session";
/** Attendees stay signed in for 14 days. */
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;
/** Staff sessions (a password sign-in at /staff) last 12 hours: an event day, not a fortnight. */
export const STAFF_SESSION_TTL_SECONDS = 60 * 60 * 12;

/** The seal carries its own expiry, so a staff cookie older than 12 h fails to unseal on every path (pages and sockets). */
export function sessionOptions(isHttps: boolean, ttl = SESSION_TTL_SECONDS): SessionOptions {
  return {
    password: env.SESSION_SECRET,
    cookieName: SESSION_COOKIE,
    ttl,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: isHttps, path: "/" },
  };
}
