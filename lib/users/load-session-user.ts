import { db } from "../db";
import type { Role } from "../generated/prisma/enums";
import type { SessionData } from "../session-options";
import { passwordStamp } from "./password-stamp";

export type SessionUser = { id: number; name: string; email: string; role: Role };
/** An account as the session lookups read it: the person, plus what decides whether this session still stands. */
export type SessionRow = SessionUser & { passwordHash: string | null; sessionVersion: number; isSessionEnded: boolean };

/**
 * The role a session actually grants the account it names: viewer unless they
 * signed in at /staff with a password. Nothing at all when this session was
 * signed out, when all the person's sessions were ended since (an admin), or,
 * for staff, when the password changed. Shared by pages (below) and socket
 * handshakes (lib/realtime/load-joiner.ts), which read the row their own way.
 */
export function sessionUserFrom(session: SessionData, row: SessionRow | null): SessionUser | null {
  if (!row || row.isSessionEnded || (session.version ?? 0) !== row.sessionVersion) return null;
  if (session.expiresAt !== undefined && Date.now() >= session.expiresAt) return null;
  const { passwordHash, sessionVersion: _version, isSessionEnded: _ended, ...person } = row;
  if (!session.isStaffSignIn) return { ...person, role: "viewer" };
  if (!passwordHash || session.passwordStamp !== passwordStamp(passwordHash)) return null;
  return person;
}

type Row = Omit<SessionRow, "isSessionEnded"> & { isSessionEnded: number | bigint | boolean };

/** The person a session cookie stands for, with the role it grants. One statement: the account and whether this session was signed out. */
export async function loadSessionUser(session: SessionData): Promise<SessionUser | null> {
  if (!session.userId) return null;
  const rows = await db.$queryRaw<Row[]>`SELECT u.id, u.name, u.email, u.role, u.password_hash AS passwordHash, u.session_version AS sessionVersion,
      EXISTS (SELECT 1 FROM ended_sessions e WHERE e.id = ${session.sessionId ?? ""}) AS isSessionEnded
    FROM users u WHERE u.id = ${session.userId}`;
  const row = rows[0];
  return sessionUserFrom(session, row ? { ...row, sessionVersion: Number(row.sessionVersion), isSessionEnded: Boolean(Number(row.isSessionEnded)) } : null);
}
