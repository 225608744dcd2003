import { db } from "../db";
import { RoomError } from "../realtime/room-error";

/**
 * Flags the message hidden (the row stays for the record). Hiding a hidden message again is a no-op: `hiddenAt` is then null.
 * A message of another event is not found: a moderator acts on the event their dashboard shows.
 */
export async function hideChatMessage(eventId: number, id: number): Promise<{ hiddenAt: Date | null }> {
  const hiddenAt = new Date();
  const { count } = await db.chatMessage.updateMany({ where: { id, eventId, isHidden: false }, data: { isHidden: true, hiddenAt } });
  if (count === 1) return { hiddenAt };
  const exists = await db.chatMessage.findFirst({ where: { id, eventId }, select: { id: true } });
  if (!exists) throw new RoomError("not_found", "That message does not exist.");
  return { hiddenAt: null };
}
