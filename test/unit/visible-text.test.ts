import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { roomTextSchema } from "@/lib/validation/realtime";
import { nameSchema } from "@/lib/validation/registration";
import { staffAccountSchema } from "@/lib/validation/staff-account";
import { isInvisible, stripBidiControls } from "@/lib/validation/visible-text";

// Names, staff names, chat and questions: text that means what it shows.

const staffNameSchema = staffAccountSchema.shape.name;

function outcome(schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0].message };
}

const ZWSP = "\u200B";
const ZWNJ = "\u200C";
const ZWJ = "\u200D";
const WORD_JOINER = "\u2060";
const LRM = "\u200E";
const RLM = "\u200F";
const LRO = "\u202D";
const RLO = "\u202E";
const PDF = "\u202C";
const LRE = "\u202A";
const RLI = "\u2067";
const FSI = "\u2068";
const PDI = "\u2069";
const VS16 = "\uFE0F";

const INVISIBLE_ONLY: [string, string][] = [
  ["zero-width spaces", ZWSP.repeat(3)],
  ["zero-width joiners and non-joiners", ZWJ + ZWNJ + ZWJ],
  ["a word joiner and a byte-order mark", WORD_JOINER + "\uFEFF" + WORD_JOINER],
  ["bidi isolates", RLI + PDI + FSI + PDI],
  ["bidi overrides and embeddings", RLO + LRO + LRE + PDF],
  ["direction marks", LRM + RLM + "\u061C"],
  ["variation selectors alone", VS16 + "\uFE0E" + "\u{E0100}"],
  ["a soft hyphen and tags", "\u00AD\u{E0001}\u{E0041}"],
  ["the Hangul filler U+3164", "\u3164\u3164"],
  ["the Hangul choseong and jungseong fillers", "\u115F\u1160"],
  ["the halfwidth Hangul filler", "\uFFA0"],
  ["the braille blank", "\u2800\u2800"],
  ["invisible characters between spaces", ` ${ZWSP} \u3164 ${RLI} `],
  ["invisible characters padded with ideographic and no-break spaces", `\u3000${ZWSP}\u00A0`],
];

const STILL_VALID: [string, string][] = [
  ["a family emoji (ZWJ sequence)", "👩‍👩‍👧‍👦"],
  ["a rainbow flag (ZWJ and VS16)", "🏳️‍🌈"],
  ["a country flag (regional indicators)", "🇯🇵"],
  ["a skin-tone modifier", "👋🏽"],
  ["a heart with its emoji variation selector", `❤${VS16}`],
  ["a keycap sequence", `1${VS16}\u20E3`],
  ["combining marks", "Zoe\u0308 Nu\u0303n\u0303ez"],
  ["Vietnamese with stacked marks", "Nguyễn Thị Ánh"],
  ["Arabic", "مريم الأحمد"],
  ["Hebrew with niqqud", "שָׁלוֹם"],
  ["Persian with a zero-width non-joiner", `می${ZWNJ}خواهم`],
  ["Hindi (combining vowel signs and virama)", "नमस्ते"],
  ["Korean jamo with a filler before a vowel", "\u115F\u1161 한국"],
  ["mixed Hebrew and Latin with a direction mark", `Dana ${RLM}דנה`],
  ["a visible letter between invisible characters", `${ZWSP}a${ZWSP}`],
];

describe("isInvisible", () => {
  it.each(INVISIBLE_ONLY)("is true for %s", (_label, text) => expect(isInvisible(text)).toBe(true));
  it.each(STILL_VALID)("is false for %s", (_label, text) => expect(isInvisible(text)).toBe(false));
  it("is true for the empty string and false for one letter", () => {
    expect(isInvisible("")).toBe(true);
    expect(isInvisible("x")).toBe(false);
  });
});

describe("stripBidiControls", () => {
  it("removes every embedding, override and isolate, U+202A–U+202E and U+2066–U+2069", () => {
    const controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(stripBidiControls(`a${controls}b`)).toBe("ab");
  });
  it("keeps the direction marks LRM, RLM and ALM, and the text around them", () => {
    expect(stripBidiControls(`a${LRM}b${RLM}c\u061Cd`)).toBe(`a${LRM}b${RLM}c\u061Cd`);
  });
});

describe.each([
  ["attendee name", nameSchema, "Your name can't be only invisible characters.", "Enter your name.", "Use letters, spaces and punctuation only."],
  ["staff name", staffNameSchema, "--name can't be only invisible characters", "--name is required", "--name can only have letters, spaces and punctuation (no line breaks or control characters)"],
  ["chat message or question", roomTextSchema, "Your message can't be only invisible characters.", "Write something first.", "Your message has control characters or broken characters in it; remove them."],
] as const)("%s", (_label, schema, invisibleMessage, requiredMessage, unprintableMessage) => {
  it.each(INVISIBLE_ONLY)("refuses %s as invisible", (_what, text) => {
    expect(outcome(schema, text)).toEqual({ ok: false, message: invisibleMessage });
  });

  it.each(STILL_VALID)("accepts %s unchanged", (_what, text) => {
    expect(outcome(schema, text)).toEqual({ ok: true, value: text.normalize("NFC") });
  });

  it("asks for text when it is empty or only whitespace", () => {
    expect(outcome(schema, "")).toEqual({ ok: false, message: requiredMessage });
    expect(outcome(schema, " \u3000\u00A0 ")).toEqual({ ok: false, message: requiredMessage });
  });

  it("stores an override attack as the text it then shows", () => {
    expect(outcome(schema, `${RLO}txt.exe${PDF} Eve`)).toEqual({ ok: true, value: "txt.exe Eve" });
    expect(outcome(schema, `Eve ${RLI}مريم${PDI}`)).toEqual({ ok: true, value: "Eve مريم" });
    // Removed before trimming, so nothing invisible is left at either end.
    expect(outcome(schema, `${LRO} Ann ${PDF}`)).toEqual({ ok: true, value: "Ann" });
  });

  it("normalizes to NFC, so the same letters typed two ways are the same text", () => {
    const decomposed = "Zoe\u0308";
    expect(outcome(schema, decomposed)).toEqual({ ok: true, value: "Zoë" });
    expect(outcome(schema, "Zoë")).toEqual({ ok: true, value: "Zoë" });
    expect(outcome(schema, "\u212B")).toEqual({ ok: true, value: "\u00C5" }); // ANGSTROM SIGN → Å
  });

  it("refuses NUL and other control characters, and half a surrogate pair", () => {
    for (const text of ["Ann\u0000", "Ann\u0007", "Ann\u001B[31m", "Ann\u007F", "Ann\u0085", "Ann\uD800", "\uDC00Ann"]) {
      expect(outcome(schema, text), JSON.stringify(text)).toEqual({ ok: false, message: unprintableMessage });
    }
    // A whole surrogate pair is one character (an emoji), not a broken one.
    expect(outcome(schema, "Ann \uD83C\uDFA4")).toEqual({ ok: true, value: "Ann 🎤" });
  });

  it("keeps invisible joiners and selectors inside visible text", () => {
    expect(outcome(schema, `Ann${ZWSP}Lee`)).toEqual({ ok: true, value: `Ann${ZWSP}Lee` });
  });
});

describe("line breaks", () => {
  it("are refused in names, attendee and staff alike", () => {
    for (const text of ["Ann\nLee", "Ann\r\nLee", "Ann\tLee", "Ann\u2028Lee", "Ann\u2029Lee"]) {
      expect(outcome(nameSchema, text), JSON.stringify(text)).toEqual({ ok: false, message: "Use letters, spaces and punctuation only." });
      expect(outcome(staffNameSchema, text).ok, JSON.stringify(text)).toBe(false);
    }
  });

  it("are kept in chat and questions, with CR LF and CR stored as LF, and tabs kept", () => {
    expect(outcome(roomTextSchema, "first\nsecond")).toEqual({ ok: true, value: "first\nsecond" });
    expect(outcome(roomTextSchema, "first\r\nsecond\rthird")).toEqual({ ok: true, value: "first\nsecond\nthird" });
    expect(outcome(roomTextSchema, "a\tb")).toEqual({ ok: true, value: "a\tb" });
  });

  it("do not make invisible text visible", () => {
    expect(outcome(roomTextSchema, `${ZWSP}\n${ZWSP}`)).toEqual({ ok: false, message: "Your message can't be only invisible characters." });
  });
});

describe("length limits count what is stored", () => {
  it("counts a name after bidi controls are removed", () => {
    expect(outcome(nameSchema, RLO + "x".repeat(80) + PDF)).toEqual({ ok: true, value: "x".repeat(80) });
    expect(outcome(nameSchema, "x".repeat(81))).toEqual({ ok: false, message: "Keep your name to 80 characters or fewer." });
  });

  it("counts a message in code points, after NFC", () => {
    expect(outcome(roomTextSchema, "e\u0301".repeat(500))).toEqual({ ok: true, value: "é".repeat(500) });
    expect(outcome(roomTextSchema, "🎤".repeat(500)).ok).toBe(true);
    expect(outcome(roomTextSchema, "🎤".repeat(501))).toEqual({ ok: false, message: "Keep it to 500 characters or fewer." });
  });

  it("refuses a non-string with its own message", () => {
    expect(outcome(roomTextSchema, 42)).toEqual({ ok: false, message: "Send the text as a string." });
    expect(outcome(nameSchema, null)).toEqual({ ok: false, message: "Enter your name." });
  });
});
