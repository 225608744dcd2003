import { AREAS, canOpen } from "../access";
import { listChatAfter, listHiddenSince, listRecentChat } from "../chat/list-recent-chat";
import { env } from "../env";
import { listPendingQuestions, listPublicQuestions, listQuestionsBy, listVotedQuestionIds } from "../questions/list-questions";
import { resumeSchema } from "../validation/realtime";
import type { Role, RoomState } from "./contract";
import type { SocketData } from "./io";
import { currentStats, setPendingCount } from "./presence";

// The same people who may open /mod may moderate; those who may open /speaker may mark answered.
export const MODERATOR_ROLES: readonly Role[] = AREAS["/mod"].roles;
export const ANSWERING_ROLES: readonly Role[] = AREAS["/speaker"].roles;

export function isModerator(role: Role) {
  return canOpen(role, "/mod");
}

// A reconnect reads messages hidden a little before the client's last state, so none slips between the two.
const HIDDEN_OVERLAP_MS = 5_000;

/** The chat part of `state`: a resync after what the client holds when it can, else the latest window. */
async function chatFor(auth: unknown): Promise<Pick<RoomState, "chat" | "chatAfter" | "hiddenChatIds">> {
  const resume = resumeSchema.safeParse(auth);
  if (resume.success) {
    const after = await listChatAfter(resume.data.lastChatId);
    if (after) {
      const since = new Date(Date.parse(resume.data.since) - HIDDEN_OVERLAP_MS);
      return { chat: after, chatAfter: resume.data.lastChatId, hiddenChatIds: await listHiddenSince(since) };
    }
  }
  return { chat: await listRecentChat() };
}

/** Everything a client needs to draw the room; sent on every (re)connection. */
export async function buildRoomState(user: SocketData["user"], auth: unknown): Promise<RoomState> {
  const serverTime = new Date().toISOString();
  const moderator = isModerator(user.role);
  const [chat, questions, myQuestions, myVotes, pending] = await Promise.all([
    chatFor(auth),
    listPublicQuestions(),
    listQuestionsBy(user.id),
    listVotedQuestionIds(user.id),
    moderator ? listPendingQuestions() : Promise.resolve(undefined),
  ]);
  if (pending) setPendingCount(pending.length);
  return {
    user,
    ...chat,
    serverTime,
    questions,
    myQuestions,
    myVotes,
    ...(moderator ? { pending, stats: currentStats() } : {}),
    heartbeatSeconds: env.HEARTBEAT_SECONDS,
  };
}
