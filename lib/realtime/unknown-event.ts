import type { AckError } from "./contract";

/** How much of an unknown event's name the refusal repeats. */
export const SHOWN_EVENT_NAME_LENGTH = 40;

/**
 * The ack for an event no handler takes. It names the event so a client's
 * developer can spot a typo, but a client chooses that name freely (a
 * megabyte, control characters, bidi overrides, markup), so only its first
 * 40 printable characters are repeated, with "…" when some were left out.
 */
export function refuseUnknownEventName(event: unknown): AckError {
  // Looked at in a bounded slice, so a huge name costs no more than a short one.
  const head = String(event).slice(0, SHOWN_EVENT_NAME_LENGTH * 4);
  // Any run of whitespace (line breaks too) becomes one space; controls, format characters (bidi,
  // zero-width), lone surrogates, private-use and unassigned code points are dropped.
  const printable = [...head.replace(/\s+/g, " ").replace(/\p{C}/gu, "").trim()];
  const isCut = printable.length > SHOWN_EVENT_NAME_LENGTH || String(event).length > head.length;
  const shown = printable.slice(0, SHOWN_EVENT_NAME_LENGTH).join("") + (isCut ? "…" : "");
  return { ok: false, error: "unknown_event", message: printable.length ? `There is no event called "${shown}".` : "There is no such event." };
}
