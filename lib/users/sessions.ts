import { randomBytes } from "node:crypto";
import { db } from "../db";
import { ROOMS } from "../realtime/contract";
import { getIo } from "../realtime/io";
import { SESSION_TTL_SECONDS, type SessionData } from "../session-options";

// Sessions that end. Each session cookie carries a random id (sealed, so it
// cannot be forged) and the account's session version at sign-in. The lookup
// every request already makes (pages: lib/users/load-session-user.ts; sockets:
// lib/realtime/load-joiner.ts) reads both in the same statement.

/** 24 URL-safe characters (144 random bits). */
export function newSessionId(): string {
  return randomBytes(18).toString("base64url");
}

/**
 * Sign-out: this session (and every copy of its cookie) stops working on its
 * next request, and its open sockets on every server process close now. The
 * person's other devices stay signed in. A cookie from before session ids
 * existed cannot be told apart from its copies, so it ends them all.
 */
export async function endSession(session: SessionData, userId: number): Promise<void> {
  if (!session.sessionId) {
    await endAllSessions(userId);
    return;
  }
  const ended = session.sessionId;
  await db.endedSession.upsert({ where: { id: ended }, create: { id: ended, userId }, update: {} });
  // Through the Redis adapter this reaches sockets on every process.
  getIo()?.in(ROOMS.session(ended)).disconnectSockets(true);
  // No cookie outlives SESSION_TTL_SECONDS (14 days), so older rows guard nothing. Best effort.
  await db.endedSession.deleteMany({ where: { endedAt: { lt: new Date(Date.now() - SESSION_TTL_SECONDS * 1_000) } } }).catch((error) => console.error("Pruning ended sessions failed:", error));
}

/**
 * Every session of one person, on every device: their session version moves
 * on, so every cookie sealed before stops working on its next request, and
 * their open sockets close now (the pages then go to sign-in). For admins
 * (users report) and for a person who signs out of an old cookie.
 */
export async function endAllSessions(userId: number): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  getIo()?.in(ROOMS.user(userId)).disconnectSockets(true);
  return count === 1;
}
