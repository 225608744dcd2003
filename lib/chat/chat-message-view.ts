import type { ChatMessage } from "../generated/prisma/client";
import type { ChatMessageView } from "../realtime/contract";
import { utcIso } from "../sql-time";

export function toChatMessageView(row: Pick<ChatMessage, "id" | "seq" | "userId" | "userName" | "message" | "createdAt">): ChatMessageView {
  return { id: row.id, seq: row.seq, userId: row.userId, userName: row.userName, text: row.message, createdAt: row.createdAt.toISOString() };
}

/** Chat columns read with raw SQL (aliased to the view's names; the time as stored UTC text). */
export const CHAT_COLUMNS = "id, seq, user_id AS userId, user_name AS userName, message AS text, created_at AS createdAt";
export type ChatRow = Omit<ChatMessageView, "createdAt"> & { createdAt: string };

export function chatRowToView(row: ChatRow): ChatMessageView {
  return { id: row.id, seq: row.seq, userId: row.userId, userName: row.userName, text: row.text, createdAt: utcIso(row.createdAt)! };
}
