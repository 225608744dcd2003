import { getLivePool } from "../db";
import type { ChatMessageView } from "../realtime/contract";
import { toSqlTime } from "../sql-time";
import { CHAT_COLUMNS, chatRowToView, type ChatRow } from "./chat-message-view";

// The busiest write in Podium (every chat message), so it is one statement on
// the live pool rather than Prisma's INSERT followed by a SELECT.
/** Exported for bench/chat-insert.ts, which measures it. */
export const INSERT_CHAT = `INSERT INTO chat_messages (event_id, user_id, user_name, message, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${CHAT_COLUMNS}`;
const BY_CLIENT_ID = `SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE event_id = ? AND user_id = ? AND client_id = ?`;
const DUPLICATE_KEY = 1062;


/**
 * Stores a chat message in an event's chat. With a clientId the send is idempotent: a retry of a
 * message the server already stored (its ack was lost) returns that message
 * instead of storing it twice; `isNew` says which happened.
 */
export async function postChatMessage(eventId: number, author: { id: number; name: string }, text: string, clientId?: string): Promise<{ message: ChatMessageView; isNew: boolean }> {
  try {
    const [row]: ChatRow[] = await getLivePool().query(INSERT_CHAT, [eventId, author.id, author.name, text, clientId ?? null, toSqlTime(new Date())]);
    return { message: chatRowToView(row), isNew: true };
  } catch (error) {
    if (!clientId || (error as { errno?: number }).errno !== DUPLICATE_KEY) throw error;
    const [existing]: ChatRow[] = await getLivePool().query(BY_CLIENT_ID, [eventId, author.id, clientId]);
    return { message: chatRowToView(existing), isNew: false };
  }
}
