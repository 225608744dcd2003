import { db } from "../db";
import type { Role } from "../generated/prisma/enums";
import type { SessionData } from "../session-options";
import { passwordStamp } from "./password-stamp";

export type SessionUser = { id: number; name: string; email: string; role: Role };

/**
 * The person a session cookie stands for, with the role it actually grants:
 * viewer unless they signed in at /staff with a password, and nobody at all
 * when that password has changed since. Shared by pages and socket handshakes.
 */
export async function loadSessionUser(session: SessionData): Promise<SessionUser | null> {
  if (!session.userId) return null;
  const user = await db.user.findUnique({
    where: { id: session.userId },
    select: { id: true, name: true, email: true, role: true, passwordHash: true },
  });
  if (!user) return null;
  const { passwordHash, ...person } = user;
  if (!session.isStaffSignIn) return { ...person, role: "viewer" };
  if (!passwordHash || session.passwordStamp !== passwordStamp(passwordHash)) return null;
  return person;
}
