import { db, getLivePool } from "../db";
import { CHAT_HISTORY_SIZE, CHAT_RESYNC_LIMIT, type ChatMessageView } from "../realtime/contract";
import { toSqlTime } from "../sql-time";
import { CHAT_COLUMNS, chatRowToView, toChatMessageView, type ChatRow } from "./chat-message-view";

/** The last visible messages, oldest first (reads the newest through the (is_hidden, id) index). */
export async function listRecentChat(limit = CHAT_HISTORY_SIZE) {
  const rows = await db.chatMessage.findMany({ where: { isHidden: false }, orderBy: { id: "desc" }, take: limit });
  return rows.reverse().map(toChatMessageView);
}

/** Messages hidden since a moment, with when. */
export async function listRecentlyHidden(since: Date) {
  const rows = await db.chatMessage.findMany({ where: { isHidden: true, hiddenAt: { gte: since } }, select: { id: true, hiddenAt: true }, orderBy: { hiddenAt: "asc" } });
  return rows.map((row) => ({ id: row.id, hiddenAt: row.hiddenAt!.toISOString() }));
}

// One statement, each half bounded and read through an index ((is_hidden, id) and hidden_at).
const MISSED = `(SELECT ${CHAT_COLUMNS}, false AS isHidden
   FROM chat_messages WHERE is_hidden = false AND id > ? ORDER BY id LIMIT ${CHAT_RESYNC_LIMIT + 1})
UNION ALL
(SELECT id, NULL, NULL, NULL, NULL, true FROM chat_messages WHERE is_hidden = true AND hidden_at >= ? LIMIT 1000)`;

type MissedRow = ChatRow & { isHidden: number };

/**
 * For a reconnecting client that memory cannot serve: visible messages after
 * the last one it holds (null when it missed too many to resync) and the ids
 * hidden since `since`.
 */
export async function listChatMissed(lastId: number, since: Date): Promise<{ chat: ChatMessageView[] | null; hiddenChatIds: number[] }> {
  const rows: MissedRow[] = await getLivePool().query(MISSED, [lastId, toSqlTime(since)]);
  const visible = rows.filter((row) => !row.isHidden);
  return {
    chat: visible.length > CHAT_RESYNC_LIMIT ? null : visible.map(chatRowToView),
    hiddenChatIds: rows.filter((row) => row.isHidden).map((row) => row.id),
  };
}
