import { db, getLivePool } from "../db";
import { CHAT_HISTORY_SIZE, CHAT_RESYNC_LIMIT, type ChatMessageView } from "../realtime/contract";
import { toSqlTime } from "../sql-time";
import { CHAT_COLUMNS, chatRowToView, toChatMessageView, type ChatRow } from "./chat-message-view";

/** An event's last visible messages, oldest first in the event's order (seq; read through the (event_id, seq) index). */
export async function listRecentChat(eventId: number, limit = CHAT_HISTORY_SIZE) {
  const rows = await db.chatMessage.findMany({ where: { eventId, isHidden: false }, orderBy: { seq: "desc" }, take: limit });
  return rows.reverse().map(toChatMessageView);
}

/** An event's messages hidden since a moment, with when. */
export async function listRecentlyHidden(eventId: number, since: Date, limit?: number) {
  const rows = await db.chatMessage.findMany({ where: { eventId, hiddenAt: { gte: since } }, select: { id: true, hiddenAt: true }, orderBy: { hiddenAt: "desc" }, take: limit });
  rows.reverse();
  return rows.map((row) => ({ id: row.id, hiddenAt: row.hiddenAt!.toISOString() }));
}

/**
 * Messages can reach a client slightly out of id order: ids are given as the
 * inserts run, and several run at once (the live pool, several processes), so
 * message 12 may be broadcast after 13. A client cut off between the two
 * holds 13 but not 12. So a resync goes back this far before the client's
 * last message, and sends every message from there on.
 */
export const RESYNC_REORDER_MS = 2_000;

// One statement, each half bounded and read through an index ((event_id, is_hidden, id), (event_id, id)
// and (event_id, hidden_at)).
// The resync starts a little before the client's last message (RESYNC_REORDER_MS):
// after the last message created more than that before it, found by walking back the primary key.
const MISSED = `(SELECT ${CHAT_COLUMNS}, false AS isHidden, a.after AS chatAfter
   FROM chat_messages,
     (SELECT COALESCE((SELECT e.id FROM chat_messages e
        WHERE e.event_id = ? AND e.id <= ? AND e.id > ? AND e.created_at < (SELECT l.created_at FROM chat_messages l WHERE l.id = ? AND l.event_id = ?) - INTERVAL ? MICROSECOND
        ORDER BY e.id DESC LIMIT 1), ?) AS after) a
   WHERE event_id = ? AND is_hidden = false AND id > a.after ORDER BY id LIMIT ${CHAT_RESYNC_LIMIT + 1})
UNION ALL
(SELECT id, NULL, NULL, NULL, NULL, NULL, true, NULL FROM chat_messages WHERE event_id = ? AND hidden_at >= ? AND is_hidden = true LIMIT 1000)`;

type MissedRow = ChatRow & { isHidden: number; chatAfter: number | null };

/**
 * For a client reconnecting to an event's room that memory cannot serve: every visible message
 * after `chatAfter` (a little before the last one it holds; null when it
 * missed too many to resync) and the ids hidden since `since`.
 */
export async function listChatMissed(eventId: number, lastId: number, since: Date): Promise<{ chat: ChatMessageView[] | null; chatAfter: number; hiddenChatIds: number[] }> {
  // The walk back reads at most CHAT_RESYNC_LIMIT ids, whatever id a client names. Ids are shared by every
  // event, so the event's own messages among them are fewer: the walk only stops sooner, and a client
  // that missed more than the LIMIT gets the latest history instead, as before.
  const floor = Math.max(0, lastId - CHAT_RESYNC_LIMIT);
  const rows: MissedRow[] = await getLivePool().query(MISSED, [eventId, lastId, floor, lastId, eventId, RESYNC_REORDER_MS * 1_000, floor, eventId, eventId, toSqlTime(since)]);
  const visible = rows.filter((row) => !row.isHidden);
  return {
    chat: visible.length > CHAT_RESYNC_LIMIT ? null : visible.map(chatRowToView),
    // With nothing to send, the client keeps all it holds.
    chatAfter: visible[0]?.chatAfter ?? lastId,
    hiddenChatIds: rows.filter((row) => row.isHidden).map((row) => row.id),
  };
}
