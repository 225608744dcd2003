import { createHash } from "node:crypto";

/** A short fingerprint of a password hash, kept in staff sessions: a new password changes it and ends old sessions. */
export function passwordStamp(passwordHash: string): string {
  return createHash("sha256").update(passwordHash).digest("base64url").slice(0, 16);
}
