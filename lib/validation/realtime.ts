import { z } from "./zod";
import { visibleText } from "./visible-text";

// Payloads of the client events. Strict objects: an unknown key is a client
// bug worth reporting, not something to ignore silently.

export const MAX_TEXT_LENGTH = 500;

/**
 * Chat messages and questions: 1 to 500 characters after trim, counted as code
 * points (🎤 is one, a ZWJ family several); line breaks kept, invisible-only text and control
 * characters refused, bidi controls removed (lib/validation/visible-text.ts).
 */
export const roomTextSchema = visibleText(
  {
    notString: "Send the text as a string.",
    required: "Write something first.",
    invisible: "Your message can't be only invisible characters.",
    unprintable: "Your message has control characters or broken characters in it; remove them.",
  },
  { allowsLineBreaks: true },
).refine((text) => [...text].length <= MAX_TEXT_LENGTH, `Keep it to ${MAX_TEXT_LENGTH} characters or fewer.`);

export const textPayloadSchema = z.strictObject({ text: roomTextSchema }, { error: "Send { text }." });

/** chat also takes an optional clientId: the sender's own id for the message, which makes retries safe. */
export const chatPayloadSchema = z.strictObject(
  {
    text: roomTextSchema,
    clientId: z.string({ error: "clientId must be a string." }).regex(/^[A-Za-z0-9_-]{1,64}$/, "clientId is 1 to 64 letters, digits, - or _.").optional(),
  },
  { error: "Send { text }." },
);

/** What a reconnecting client says it already holds (handshake auth), so `state` can continue from there. */
export const resumeSchema = z.object({
  lastChatId: z.number().int().positive(),
  since: z.iso.datetime(),
});

const chatSeqSchema = z.number({ error: "seq must be a number." }).int("seq must be a whole number.").nonnegative("seq can't be negative.").max(2_147_483_647, "seq is out of range.");

/** A reconnecting client's place in the chat by seq (handshake auth): everything up to `chatSeq` is held. */
export const chatSeqResumeSchema = z.object({ chatSeq: chatSeqSchema, since: z.iso.datetime() });

/** chat:since: the seq up to which the client holds every message. */
export const chatSincePayloadSchema = z.strictObject({ seq: chatSeqSchema }, { error: "Send { seq }." });

export const idPayloadSchema = z.strictObject(
  { id: z.number({ error: "id must be a number." }).int("id must be a whole number.").positive("id must be positive.").max(2_147_483_647, "id is out of range.") },
  { error: "Send { id }." },
);

/** ping takes an empty object; undefined is accepted too for clients that send nothing. */
export const pingPayloadSchema = z.union([z.strictObject({}), z.undefined()], { error: "Send {}." });
