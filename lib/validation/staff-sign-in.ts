import { z } from "./zod";
import { emailSchema } from "./registration";

export const staffSignInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "That password is too long."),
});
