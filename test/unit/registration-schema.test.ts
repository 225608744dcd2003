import { describe, expect, it } from "vitest";
import { registrationSchema } from "@/lib/validation/registration";

const valid = { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0958" };

function errorsFor(input: Record<string, string>) {
  const result = registrationSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path[0], issue.message]));
}

describe("registration schema", () => {
  it("trims the name, lower-cases the email and keeps only digits and a leading + of the phone", () => {
    const parsed = registrationSchema.parse({ name: "  Ada  ", email: "  Ada@Example.COM ", phone: " +44 (20) 7946-0958 " });
    expect(parsed).toEqual({ name: "Ada", email: "ada@example.com", phone: "+442079460958" });
  });

  it("accepts a phone without + and with dots", () => {
    expect(registrationSchema.parse({ ...valid, phone: "555.123.4567" }).phone).toBe("5551234567");
  });

  it("keeps emoji and accents in names", () => {
    expect(registrationSchema.parse({ ...valid, name: "Zoë 🎤 Ñúñez" }).name).toBe("Zoë 🎤 Ñúñez");
  });

  it.each([
    [{ ...valid, name: "   " }, "name", "Enter your name."],
    [{ ...valid, name: "x".repeat(81) }, "name", "Keep your name to 80 characters or fewer."],
    [{ ...valid, name: "Bob\n=HYPERLINK(1)" }, "name", "Use letters, spaces and punctuation only."],
    [{ ...valid, email: "" }, "email", "Enter your email address."],
    [{ ...valid, email: "not-an-email" }, "email", "Enter an email address like name@example.com."],
    [{ ...valid, phone: "" }, "phone", "Enter your phone number."],
    [{ ...valid, phone: "12345" }, "phone", "A phone number has 7 to 15 digits."],
    [{ ...valid, phone: "1234567890123456" }, "phone", "A phone number has 7 to 15 digits."],
    [{ ...valid, phone: "call me: 555 1234" }, "phone", "Use digits, with an optional leading + (spaces, dashes and brackets are fine)."],
    [{ ...valid, phone: "555+1234567" }, "phone", "Use digits, with an optional leading + (spaces, dashes and brackets are fine)."],
  ])("rejects %o with a message on %s", (input, field, message) => {
    expect(errorsFor(input)).toEqual({ [field]: message });
  });

  it("accepts exactly 80 characters of name and 7 and 15 phone digits", () => {
    expect(registrationSchema.safeParse({ ...valid, name: "x".repeat(80) }).success).toBe(true);
    expect(registrationSchema.safeParse({ ...valid, phone: "1234567" }).success).toBe(true);
    expect(registrationSchema.safeParse({ ...valid, phone: "+123456789012345" }).success).toBe(true);
  });

  it("reports every invalid field at once", () => {
    expect(Object.keys(errorsFor({ name: "", email: "x", phone: "1" })).sort()).toEqual(["email", "name", "phone"]);
  });
});
