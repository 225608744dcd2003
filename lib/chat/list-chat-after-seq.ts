import { getLivePool } from "../db";
import type { ChatRange } from "../realtime/contract";
import { CHAT_COLUMNS, chatRowToView, type ChatRow } from "./chat-message-view";

// Reads for a client that lacks part of an event's chat, by seq (the event's
// gap-free order, migration chat_seq). The event's last seq is read first:
// seqs are given in commit order, so every message up to it is already
// stored, and whatever the second read returns covers it.

const LAST_SEQ = "SELECT last_chat_seq AS lastSeq FROM events WHERE id = ?";
const AFTER = `SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE event_id = ? AND seq > ? AND is_hidden = false ORDER BY seq LIMIT ?`;
const BETWEEN = `SELECT ${CHAT_COLUMNS}, is_hidden AS isHidden FROM chat_messages WHERE event_id = ? AND seq > ? AND seq <= ? ORDER BY seq`;

/** The seq of an event's newest stored message (0 before the first). */
export async function readLastChatSeq(eventId: number): Promise<number> {
  const [row]: { lastSeq: number }[] = await getLivePool().query(LAST_SEQ, [eventId]);
  return row?.lastSeq ?? 0;
}

/**
 * The visible messages after `afterSeq`, at most `limit` of them. `chatSeq` says how far the answer is
 * complete: the event's last seq, or the last message returned when there were more than `limit`.
 */
export async function listChatAfterSeq(eventId: number, afterSeq: number, limit: number): Promise<ChatRange & { isCut: boolean }> {
  const lastSeq = await readLastChatSeq(eventId);
  const rows: ChatRow[] = await getLivePool().query(AFTER, [eventId, afterSeq, limit + 1]);
  const isCut = rows.length > limit;
  const chat = rows.slice(0, limit).map(chatRowToView);
  return { chat, chatSeq: isCut ? chat.at(-1)!.seq : Math.max(lastSeq, afterSeq), isCut };
}

/** Every message with a seq in (afterSeq, throughSeq], hidden ones flagged: what a room snapshot missed. */
export async function listChatBetweenSeqs(eventId: number, afterSeq: number, throughSeq: number) {
  const rows: (ChatRow & { isHidden: number })[] = await getLivePool().query(BETWEEN, [eventId, afterSeq, throughSeq]);
  return rows.map((row) => ({ message: chatRowToView(row), isHidden: Boolean(row.isHidden) }));
}
