import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { toChatMessageView } from "./chat-message-view";

/**
 * Stores a chat message. With a clientId the send is idempotent: a retry of a
 * message the server already stored (its ack was lost) returns that message
 * instead of storing it twice; `isNew` says which happened.
 */
export async function postChatMessage(author: { id: number; name: string }, text: string, clientId?: string) {
  try {
    const row = await db.chatMessage.create({ data: { userId: author.id, userName: author.name, message: text, clientId } });
    return { message: toChatMessageView(row), isNew: true };
  } catch (error) {
    if (!clientId || !(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    const existing = await db.chatMessage.findUniqueOrThrow({ where: { userId_clientId: { userId: author.id, clientId } } });
    return { message: toChatMessageView(existing), isNew: false };
  }
}
