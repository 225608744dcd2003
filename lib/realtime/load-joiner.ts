import { getLivePool, LIVE_POOL_SIZE } from "../db";
import type { Role } from "../generated/prisma/enums";
import type { SessionData } from "../session-options";
import { utcIso } from "../sql-time";
import { sessionUserFrom, type SessionUser } from "../users/load-session-user";
import { BatchQueue } from "./admission";
import type { QuestionView } from "./contract";

/** Everything personal a socket joining one event's room needs. */
export type Joiner = { user: SessionUser; isRegistered: boolean; myQuestions: QuestionView[]; myVotes: number[] };

// Everything personal a joining socket needs, for a batch of joiners (of any
// events) in one statement: each account (primary key), whether the joiner's
// session was signed out (ended_sessions, primary key), whether they registered
// for the event (registrations, primary key), their own questions in it
// (questions.user_id) and their votes in it (question_votes.user_id, then the
// question by primary key), the last two folded into JSON. The rest of the
// room comes from memory (room-snapshot.ts).
const JOINERS = `SELECT j.event_id AS eventId, u.id, u.name, u.email, u.role, u.password_hash AS passwordHash, u.session_version AS sessionVersion,
  (SELECT JSON_ARRAYAGG(e.id) FROM ended_sessions e WHERE e.id IN (?) AND e.user_id = u.id) AS endedSessions,
  EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = j.event_id AND r.user_id = u.id) AS isRegistered,
  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', q.id, 'userId', q.user_id, 'userName', q.user_name, 'text', q.question_text,
     'status', q.status, 'votes', q.votes, 'createdAt', DATE_FORMAT(q.created_at, '%Y-%m-%d %H:%i:%s.%f')) ORDER BY q.id)
   FROM questions q WHERE q.user_id = u.id AND q.event_id = j.event_id) AS myQuestions,
  (SELECT JSON_ARRAYAGG(v.question_id) FROM question_votes v JOIN questions q ON q.id = v.question_id
   WHERE v.user_id = u.id AND q.event_id = j.event_id) AS myVotes
FROM JSON_TABLE(?, '$[*]' COLUMNS (event_id INT PATH '$[0]', user_id INT PATH '$[1]')) j
JOIN users u ON u.id = j.user_id`;

type JoinerRow = {
  eventId: number;
  id: number;
  name: string;
  email: string;
  role: Role;
  passwordHash: string | null;
  sessionVersion: number;
  endedSessions: unknown;
  isRegistered: number;
  myQuestions: unknown;
  myVotes: unknown;
};

/** The driver parses JSON columns itself when the server flags them as JSON, and returns text otherwise. */
const jsonList = <Item>(value: unknown): Item[] => (typeof value === "string" ? JSON.parse(value) : (value ?? [])) as Item[];

/** A joiner's place in a batch: the event, the account and the session id ("3.12." + id; the id is empty for a cookie from before ids). */
const joinerKey = (eventId: number, session: SessionData) => `${eventId}.${session.userId}.${session.sessionId ?? ""}`;

async function queryJoiners(keys: string[]): Promise<Map<string, JoinerRow>> {
  const joiners = keys.map((key) => {
    const [eventId, userId, ...sessionId] = key.split(".");
    return { key, eventId: Number(eventId), userId: Number(userId), sessionId: sessionId.join(".") };
  });
  const pairs = [...new Map(joiners.map(({ eventId, userId }) => [`${eventId}.${userId}`, [eventId, userId]])).values()];
  // IN () is not valid SQL: an empty string matches no session id.
  const sessionIds = [...new Set(joiners.map(({ sessionId }) => sessionId))];
  const rows: JoinerRow[] = await getLivePool().query(JOINERS, [sessionIds, JSON.stringify(pairs)]);
  const byPair = new Map(rows.map((row) => [`${row.eventId}.${row.id}`, row]));
  return new Map(joiners.flatMap(({ key, eventId, userId }) => {
    const row = byPair.get(`${eventId}.${userId}`);
    return row ? [[key, row]] : [];
  }));
}

// Half the live pool at most: the rest is for chat, heartbeat batches and resyncs, storm or not.
const joiners = new BatchQueue(queryJoiners, { concurrency: Math.floor(LIVE_POOL_SIZE / 2), maxBatch: 200, maxWaiting: 2_000 });

/** True when a new handshake should be turned away for now (attach-realtime.ts's allowRequest). */
export const isAdmissionFull = () => joiners.isFull;

/** The person a handshake's session stands for, with the role it grants, in one event's room, or null. Waits its turn in the admission queue. */
export async function loadJoiner(session: SessionData, eventId: number): Promise<Joiner | null> {
  if (!session.userId) return null;
  const row = await joiners.load(joinerKey(eventId, session));
  if (!row) return null;
  const { myQuestions: questionsJson, myVotes: votesJson, endedSessions, isRegistered, eventId: _eventId, ...account } = row;
  const isSessionEnded = session.sessionId !== undefined && jsonList<string>(endedSessions).includes(session.sessionId);
  const user = sessionUserFrom(session, { ...account, isSessionEnded });
  if (!user) return null;
  const myQuestions = jsonList<QuestionView>(questionsJson).map((question) => ({ ...question, createdAt: utcIso(question.createdAt)! }));
  return { user, isRegistered: Number(isRegistered) === 1, myQuestions, myVotes: jsonList<number>(votesJson) };
}
