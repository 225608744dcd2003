import { getLivePool, LIVE_POOL_SIZE } from "../db";
import type { Role } from "../generated/prisma/enums";
import type { SessionData } from "../session-options";
import { utcIso } from "../sql-time";
import { sessionUserFrom, type SessionUser } from "../users/load-session-user";
import { BatchQueue } from "./admission";
import type { QuestionView } from "./contract";

export type Joiner = { user: SessionUser; myQuestions: QuestionView[]; myVotes: number[] };

// Everything personal a joining socket needs, for a batch of joiners in one
// statement: each account (primary key), whether the joiner's session was
// signed out (ended_sessions, primary key), its own questions
// (questions.user_id) and its votes (question_votes.user_id), the last three
// folded into JSON. The rest of the room comes from memory (room-snapshot.ts).
const JOINERS = `SELECT u.id, u.name, u.email, u.role, u.password_hash AS passwordHash, u.session_version AS sessionVersion,
  (SELECT JSON_ARRAYAGG(e.id) FROM ended_sessions e WHERE e.id IN (?) AND e.user_id = u.id) AS endedSessions,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', q.id, 'userId', q.user_id, 'userName', q.user_name, 'text', q.question_text,
     'status', q.status, 'votes', q.votes, 'createdAt', DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i:%s.%f')) ORDER BY q.id)
   FROM questions q WHERE q.user_id = u.id) AS myQuestions,
  (SELECT JSON_ARRAYAGG(v.question_id) FROM question_votes v WHERE v.user_id = u.id) AS myVotes
FROM users u WHERE u.id IN (?)`;

type JoinerRow = { id: number; name: string; email: string; role: Role; passwordHash: string | null; sessionVersion: number; endedSessions: unknown; myQuestions: unknown; myVotes: unknown };

/** The driver parses JSON columns itself when the server flags them as JSON, and returns text otherwise. */
const jsonList = <Item>(value: unknown): Item[] => (typeof value === "string" ? JSON.parse(value) : (value ?? [])) as Item[];

/** A joiner's place in a batch: its account and its session id ("12" + "." + id; the id is empty for a cookie from before ids). */
const joinerKey = (session: SessionData) => `${session.userId}.${session.sessionId ?? ""}`;

async function queryJoiners(keys: string[]): Promise<Map<string, JoinerRow>> {
  const pairs = keys.map((key) => key.split("."));
  const userIds = [...new Set(pairs.map(([userId]) => Number(userId)))];
  // IN () is not valid SQL: an empty string matches no session id.
  const sessionIds = [...new Set(pairs.map(([, sessionId]) => sessionId))];
  const rows: JoinerRow[] = await getLivePool().query(JOINERS, [sessionIds, userIds]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return new Map(pairs.flatMap(([userId, sessionId]) => {
    const row = byId.get(Number(userId));
    return row ? [[`${userId}.${sessionId}`, row]] : [];
  }));
}

// Half the live pool at most: the rest is for chat, heartbeat batches and resyncs, storm or not.
const joiners = new BatchQueue(queryJoiners, { concurrency: Math.floor(LIVE_POOL_SIZE / 2), maxBatch: 200, maxWaiting: 2_000 });

/** True when a new handshake should be turned away for now (attach-realtime.ts's allowRequest). */
export const isAdmissionFull = () => joiners.isFull;

/** The person a handshake's session stands for, with the role it grants, or null. Waits its turn in the admission queue. */
export async function loadJoiner(session: SessionData): Promise<Joiner | null> {
  if (!session.userId) return null;
  const row = await joiners.load(joinerKey(session));
  if (!row) return null;
  const { myQuestions: questionsJson, myVotes: votesJson, endedSessions, ...account } = row;
  const isSessionEnded = session.sessionId !== undefined && jsonList<string>(endedSessions).includes(session.sessionId);
  const user = sessionUserFrom(session, { ...account, isSessionEnded });
  if (!user) return null;
  const myQuestions = jsonList<QuestionView>(questionsJson).map((question) => ({ ...question, createdAt: utcIso(question.createdAt)! }));
  return { user, myQuestions, myVotes: jsonList<number>(votesJson) };
}
