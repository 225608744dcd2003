import type { ChatMessage } from "../generated/prisma/client";
import type { ChatMessageView } from "../realtime/contract";

export function toChatMessageView(row: Pick<ChatMessage, "id" | "userId" | "userName" | "message" | "createdAt">): ChatMessageView {
  return { id: row.id, userId: row.userId, userName: row.userName, text: row.message, createdAt: row.createdAt.toISOString() };
}
