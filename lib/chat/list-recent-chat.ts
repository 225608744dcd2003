import { db } from "../db";
import { CHAT_HISTORY_SIZE, CHAT_RESYNC_LIMIT } from "../realtime/contract";
import { toChatMessageView } from "./chat-message-view";

/** The last visible messages, oldest first (reads the newest through the (is_hidden, id) index). */
export async function listRecentChat(limit = CHAT_HISTORY_SIZE) {
  const rows = await db.chatMessage.findMany({ where: { isHidden: false }, orderBy: { id: "desc" }, take: limit });
  return rows.reverse().map(toChatMessageView);
}

/** Visible messages after the last one a client holds, or null when it has missed too many to resync. */
export async function listChatAfter(lastId: number) {
  const rows = await db.chatMessage.findMany({ where: { isHidden: false, id: { gt: lastId } }, orderBy: { id: "asc" }, take: CHAT_RESYNC_LIMIT + 1 });
  return rows.length > CHAT_RESYNC_LIMIT ? null : rows.map(toChatMessageView);
}

/** Ids of messages hidden since a moment, so a reconnecting client can drop them. */
export async function listHiddenSince(since: Date) {
  const rows = await db.chatMessage.findMany({ where: { isHidden: true, hiddenAt: { gte: since } }, select: { id: true } });
  return rows.map((row) => row.id);
}
