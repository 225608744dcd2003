import { z } from "./zod";
import { emailSchema } from "./registration";
import { visibleText } from "./visible-text";

export const STAFF_ROLES = ["moderator", "speaker", "admin"] as const;

/** What `npm run staff` accepts. Passwords shorter than 10 characters are refused. */
export const staffAccountSchema = z.object({
  email: emailSchema,
  name: visibleText({
    required: "--name is required",
    invisible: "--name can't be only invisible characters",
    unprintable: "--name can only have letters, spaces and punctuation (no line breaks or control characters)",
  }).max(80, "--name is at most 80 characters"),
  role: z.enum(STAFF_ROLES, { error: "--role must be moderator, speaker or admin" }),
  password: z.string().min(10, "the password must be at least 10 characters").max(200),
});
