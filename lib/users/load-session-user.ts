import { db } from "../db";
import type { Role } from "../generated/prisma/enums";
import type { SessionData } from "../session-options";
import { passwordStamp } from "./password-stamp";

export type SessionUser = { id: number; name: string; email: string; role: Role };
type UserRow = SessionUser & { passwordHash: string | null };

/**
 * The role a session actually grants the account it names: viewer unless they
 * signed in at /staff with a password, and nothing at all when that password
 * has changed since. Shared by pages (below) and socket handshakes
 * (lib/realtime/load-joiner.ts), which read the row their own way.
 */
export function sessionUserFrom(session: SessionData, row: UserRow | null): SessionUser | null {
  if (!row) return null;
  const { passwordHash, ...person } = row;
  if (!session.isStaffSignIn) return { ...person, role: "viewer" };
  if (!passwordHash || session.passwordStamp !== passwordStamp(passwordHash)) return null;
  return person;
}

/** The person a session cookie stands for, with the role it grants. */
export async function loadSessionUser(session: SessionData): Promise<SessionUser | null> {
  if (!session.userId) return null;
  const row = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, name: true, email: true, role: true, passwordHash: true },
  });
  return sessionUserFrom(session, row);
}
