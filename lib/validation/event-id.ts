import { z } from "./zod";

/** An event's id as a form field or a URL segment carries it (an INT column). */
export const eventIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export function parseEventId(value: unknown): number | null {
  const parsed = eventIdSchema.safeParse(typeof value === "string" && /^\d+$/.test(value) ? value : undefined);
  return parsed.success ? parsed.data : null;
}
