import { z } from "./zod";

// Text that means what it shows, for every field a person types for others to
// read: names, chat messages, questions. Shared by the browser forms, the
// server actions, the socket handlers and `npm run staff`.

/**
 * Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI
 * PDI) are removed, not refused: they are invisible, so a person who pasted
 * them from a word processor could not find them to delete, and the Unicode
 * bidi algorithm lays out Arabic and Hebrew correctly without them. Removed,
 * "<RLO>txt.exe<PDF> Eve" is stored as "txt.exe Eve", what it then shows, and no unclosed
 * override can reorder the text around a name on a page or in a CSV. The
 * marks LRM, RLM and ALM stay: they only give one spot a direction.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * What draws nothing on its own: default-ignorable code points (zero-width
 * space, joiners, word joiner, soft hyphen, bidi marks and controls,
 * variation selectors, tags, and the Hangul fillers U+115F, U+1160, U+3164,
 * U+FFA0, listed again for the reader), whitespace and control characters,
 * and the braille blank U+2800, which fonts draw as an empty cell. These are
 * kept inside text (emoji sequences need ZWJ and variation selectors, Persian
 * needs ZWNJ, Korean jamo the fillers), but text made only of them is refused.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Half of a surrogate pair on its own: no character at all (the database would store U+FFFD instead). */
const LONE_SURROGATE = /\p{Cs}/u;

/** Control characters and line or paragraph separators: none belong in a name (they would also split CSV rows). */
const ANY_LINE_BREAK_OR_CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** In a message, tab and line feed are fine (carriage returns become line feeds first): any other control character. */
const CONTROL_BUT_TAB_OR_NEWLINE = /[^\P{Cc}\t\n]/u;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

/** True when nothing would show: the text is empty once every invisible character is removed. */
export function isInvisible(text: string): boolean {
  return text.replace(INVISIBLE, "") === "";
}

export type VisibleTextMessages = {
  /** Empty once trimmed (and not a string, unless `notString` says otherwise). */
  required: string;
  notString?: string;
  /** Something was typed, but none of it shows. */
  invisible: string;
  /** Control characters (or a line break where none is allowed), or a broken character. */
  unprintable: string;
};

/**
 * A trimmed string in Unicode NFC (so "é" typed two ways is one text) with
 * bidi controls removed, that contains something visible and no control
 * characters. With `allowsLineBreaks`, CR LF and CR become LF and tabs and
 * line feeds are kept. Chain length limits after it.
 */
export function visibleText(messages: VisibleTextMessages, { allowsLineBreaks = false } = {}) {
  const unprintable = allowsLineBreaks ? CONTROL_BUT_TAB_OR_NEWLINE : ANY_LINE_BREAK_OR_CONTROL;
  return (
    z
      .string({ error: messages.notString ?? messages.required })
      .refine((text) => !LONE_SURROGATE.test(text), { error: messages.unprintable, abort: true })
      .overwrite((text) => {
        const composed = text.normalize("NFC");
        return allowsLineBreaks ? composed.replace(/\r\n?/g, "\n") : composed;
      })
      .refine((text) => !unprintable.test(text), { error: messages.unprintable, abort: true })
      // Blank input gets `required` below; typed but invisible input gets its own message.
      .refine((text) => text.trim() === "" || !isInvisible(text), { error: messages.invisible, abort: true })
      .overwrite(stripBidiControls)
      .trim()
      .min(1, { error: messages.required, abort: true })
  );
}
