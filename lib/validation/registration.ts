import { z } from "./zod";
import { visibleText } from "./visible-text";

// Shared by the registration form in the browser and the server action: one
// definition of a valid attendee.

/** Shown to everyone in the room and in the reports: it must show what it says (lib/validation/visible-text.ts). */
export const nameSchema = visibleText({
  required: "Enter your name.",
  invisible: "Your name can't be only invisible characters.",
  // Line breaks and other control characters have no place in a name (and would split CSV rows).
  unprintable: "Use letters, spaces and punctuation only.",
}).max(80, "Keep your name to 80 characters or fewer.");

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, { error: "Enter your email address.", abort: true })
  .max(254, "That email address is too long.")
  .toLowerCase()
  .pipe(z.email({ error: "Enter an email address like name@example.com." }));

/** Spaces, dashes, dots and brackets are allowed on input; only digits (and a leading +) are kept. */
export const phoneSchema = z
  .string({ error: "Enter your phone number." })
  .trim()
  .min(1, { error: "Enter your phone number.", abort: true })
  .regex(/^\+?[\d\s().-]+$/, "Use digits, with an optional leading + (spaces, dashes and brackets are fine).")
  .transform((value) => (value.startsWith("+") ? "+" : "") + value.replace(/\D/g, ""))
  .refine((value) => {
    const digits = value.replace("+", "").length;
    return digits >= 7 && digits <= 15;
  }, "A phone number has 7 to 15 digits.");

export const registrationSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema,
});

export type Registration = z.infer<typeof registrationSchema>;
export type RegistrationField = keyof Registration;
