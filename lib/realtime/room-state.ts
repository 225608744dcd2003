import { AREAS, canOpen } from "../access";
import { listChatMissed, listRecentlyHidden } from "../chat/list-recent-chat";
import { env } from "../env";
import { chatSeqResumeSchema, resumeSchema } from "../validation/realtime";
import { CHAT_RESYNC_LIMIT } from "./contract";
import type { EventInfo, Role, RoomState } from "./contract";
import type { Joiner } from "./load-joiner";
import { currentStats } from "./presence";
import { chatMissedSince, getCompleteSnapshot, hiddenChatIdsSince, pendingQuestions, publicQuestionsJson, readChatAfterSeq, recentChatJson, type Snapshot } from "./room-snapshot";
import { SerializedPayload } from "./shared-json";

// The same people who may open /mod may moderate; those who may open /speaker may mark answered.
export const MODERATOR_ROLES: readonly Role[] = AREAS["/mod"].roles;
export const ANSWERING_ROLES: readonly Role[] = AREAS["/speaker"].roles;

export function isModerator(role: Role) {
  return canOpen(role, "/mod");
}

// A reconnect reads messages hidden a little before the client's last state, so none slips between the two.
const HIDDEN_OVERLAP_MS = 5_000;
/** A client away for hours hears of the last 1,000 hides at most, as the older id-based resync does. */
const HIDES_RESENT = 1_000;

type Resync = Pick<RoomState, "chat" | "chatAfter" | "chatAfterSeq" | "hiddenChatIds"> & { chatSeq?: number };

/**
 * What a reconnecting client missed (from memory when it reaches back far enough, else from the
 * database), or null for a fresh history. By seq (`auth.chatSeq`) it is exact; by id (`auth.lastChatId`,
 * the older form kept for existing clients) it resends the last 2 s in case of reordering.
 */
async function resyncFor(eventId: number, snapshot: Snapshot, auth: unknown): Promise<Resync | null> {
  const bySeq = chatSeqResumeSchema.safeParse(auth);
  if (bySeq.success) {
    const since = new Date(Date.parse(bySeq.data.since) - HIDDEN_OVERLAP_MS);
    const missed = await readChatAfterSeq(eventId, bySeq.data.chatSeq, CHAT_RESYNC_LIMIT);
    if (missed.isCut) return null;
    const hiddenChatIds = hiddenChatIdsSince(snapshot, since) ?? (await listRecentlyHidden(eventId, since, HIDES_RESENT)).map((hide) => hide.id);
    return { chat: missed.chat, chatAfterSeq: bySeq.data.chatSeq, chatSeq: missed.chatSeq, hiddenChatIds };
  }
  const resume = resumeSchema.safeParse(auth);
  if (!resume.success) return null;
  const { lastChatId } = resume.data;
  const since = new Date(Date.parse(resume.data.since) - HIDDEN_OVERLAP_MS);
  const missed = chatMissedSince(snapshot, lastChatId, since) ?? (await listChatMissed(eventId, lastChatId, since));
  return missed.chat ? { chat: missed.chat, chatAfter: missed.chatAfter, hiddenChatIds: missed.hiddenChatIds } : null;
}

/**
 * Everything a client needs to draw the room, sent on every (re)connection.
 * The personal part is serialized per socket; the room's history and
 * questions are JSON made once per change and spliced in.
 */
export async function buildRoomState({ user, myQuestions, myVotes }: Joiner, event: EventInfo, auth: unknown): Promise<SerializedPayload> {
  const serverTime = new Date().toISOString();
  const snapshot = await getCompleteSnapshot(event.id);
  const resync = await resyncFor(event.id, snapshot, auth);
  const moderator = isModerator(user.role);
  const personal = {
    user: { id: user.id, name: user.name, role: user.role },
    event,
    chatSeq: snapshot.chatSeq,
    ...resync,
    serverTime,
    myQuestions,
    myVotes,
    ...(moderator ? { pending: pendingQuestions(snapshot), stats: await currentStats(event.id) } : {}),
    heartbeatSeconds: env.HEARTBEAT_SECONDS,
  } satisfies Omit<RoomState, "chat" | "questions">;
  const shared = `${resync ? "" : `"chat":${recentChatJson(snapshot)},`}"questions":${publicQuestionsJson(snapshot)}`;
  return new SerializedPayload(`${JSON.stringify(personal).slice(0, -1)},${shared}}`);
}
