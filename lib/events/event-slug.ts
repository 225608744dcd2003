import { z } from "../validation/zod";

/** An event's link: /e/<slug>. Lower-case letters, digits and single dashes, 1 to 64 characters. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 64;

export const slugSchema = z
  .string({ error: "Give the event a link name." })
  .trim()
  .toLowerCase()
  .min(1, "Give the event a link name.")
  .max(MAX_SLUG_LENGTH, `Keep the link name to ${MAX_SLUG_LENGTH} characters or fewer.`)
  .regex(SLUG_PATTERN, "Use lower-case letters, digits and dashes only (for example spring-keynote).");

/** A slug proposed from a title: "Spring Keynote 2027!" → "spring-keynote-2027". */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
  return slug || "event";
}
