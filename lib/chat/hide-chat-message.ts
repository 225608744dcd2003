import { db } from "../db";
import { RoomError } from "../realtime/room-error";

/** Flags the message hidden (the row stays for the record). Hiding a hidden message again is a no-op: `hiddenAt` is then null. */
export async function hideChatMessage(id: number): Promise<{ hiddenAt: Date | null }> {
  const hiddenAt = new Date();
  const { count } = await db.chatMessage.updateMany({ where: { id, isHidden: false }, data: { isHidden: true, hiddenAt } });
  if (count === 1) return { hiddenAt };
  const exists = await db.chatMessage.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw new RoomError("not_found", "That message does not exist.");
  return { hiddenAt: null };
}
