// The hostile-input corpus: what people paste and what scripts send. Each
// spec decides what a field must do with each kind (refuse it, or store it
// exactly as typed and show it escaped).

export const MB = 1024 * 1024;

/** Text that shows nothing at all: every text field must refuse it. */
export const INVISIBLE: Record<string, string> = {
  "empty": "",
  "whitespace only": " \u3000\u00A0\u2003 ",
  "zero-width only": "\u200B\u200C\u200D\u2060\uFEFF",
  "bidi isolates only": "\u2066\u2067\u2068\u2069",
  "bidi overrides only": "\u202A\u202B\u202C\u202D\u202E",
  "variation selectors only": "\uFE0F\uFE0E",
  "Hangul fillers only": "\u3164\u115F\u1160\uFFA0",
  "braille blanks only": "\u2800\u2800",
};

/** Control characters and half a surrogate pair: refused wherever a person's text is stored. */
export const CONTROL: Record<string, string> = {
  "a NUL": "Ann\u0000Lee",
  "a bell and a terminal escape": "Ann\u0007\u001B[2J",
  "DEL and a C1 control": "Ann\u007F\u0085Lee",
  "half a surrogate pair": "Ann\uD800Lee",
};

/**
 * Text that is fine to store, and must be stored exactly (after NFC and with
 * bidi controls removed) and shown escaped: markup, SQL, scripts of every
 * direction, emoji, combining marks.
 */
export const LITERAL: Record<string, { sent: string; stored: string }> = {
  "a script tag": { sent: "<script>alert(1)</script>", stored: "<script>alert(1)</script>" },
  "an image with onerror": { sent: '<img src=x onerror="alert(1)">', stored: '<img src=x onerror="alert(1)">' },
  "SQL metacharacters": { sent: "Robert'); DROP TABLE users;-- \\ % _", stored: "Robert'); DROP TABLE users;-- \\ % _" },
  "a right-to-left override": { sent: "\u202Etxt.exe\u202C Eve", stored: "txt.exe Eve" },
  "decomposed accents": { sent: "Zoe\u0308 Nun\u0303ez", stored: "Zoë Nuñez" },
  "Arabic and emoji": { sent: "مريم 👩‍👩‍👧 🇯🇵 👋🏽", stored: "مريم 👩‍👩‍👧 🇯🇵 👋🏽" },
};

/** Ids that are not a positive 32-bit integer, as JSON can carry them. */
export const BAD_IDS: Record<string, unknown> = {
  "negative": -1,
  "zero": 0,
  "fractional": 1.5,
  "past 32 bits": 2 ** 31,
  "huge": 1e308,
  "a numeric string": "1",
  "a hex string": "0x10",
  "null": null,
  "a boolean": true,
  "an array": [1],
  "an object": { id: 1 },
  "a SQL string": "1 OR 1=1",
};

/** Payloads of the wrong shape for any event that takes an object. */
export const WRONG_SHAPES: Record<string, unknown> = {
  "nothing (callback only)": undefined,
  "null": null,
  "a string": "just a string",
  "a number": 42,
  "an array": [],
  "an empty object": {},
};
