import { extractInfoFromServerReferenceId, mightBeServerReferenceId } from "next/dist/shared/lib/server-reference-info.js";

// What Next's client sends to call one of Podium's server actions, checked
// before Next decodes it: anything else ("{{{", "[", "null", "[1,2,3]", a
// state where the form should be) would reach Next's decoder or the action as
// something it cannot use, and answer a 500.
//
// Every Podium action is a useActionState action: (previous state, form), or
// signOut's (previous state) alone. Next's client leaves out the arguments an
// action does not use, which its id says (its first byte, read by Next's own
// extractInfoFromServerReferenceId), and React encodes the rest (encodeReply):
// - with the form: a multipart body whose field "0" is the JSON array
//   `[state, "$K<id>"]`, the form's fields beside it as "<id>_<name>";
// - without: the text/plain body `[state]`.
// A state is a JSON object whose strings React escaped ("$$…" for a "$…"
// typed by someone), so a string starting with a single "$" (a reference to
// another chunk, which would not be there) is not one, except "$undefined".

const FORM_REFERENCE = /^\$K[0-9a-f]+$/;

/** A previous state as React encodes one: a plain object with no reference in it, at any depth. */
function isEncodedState(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || value.startsWith("$$") || value === "$undefined";
  if (Array.isArray(value)) return value.every(isEncodedState);
  if (value !== null && typeof value === "object") return Object.values(value).every(isEncodedState);
  return true;
}

const isStateObject = (value: unknown) => value !== null && typeof value === "object" && !Array.isArray(value) && isEncodedState(value);

/** The arguments an action's id says it uses; null for an id that is not one, or takes more than six. */
function usedArgumentsOf(actionId: string): boolean[] | null {
  if (!mightBeServerReferenceId(actionId)) return null;
  const { usedArgs, hasRestArgs } = extractInfoFromServerReferenceId(actionId);
  return hasRestArgs ? null : usedArgs.slice(0, usedArgs.lastIndexOf(true) + 1);
}

/**
 * Whether `root` (field "0", or the text/plain body) holds exactly the arguments the id says the
 * action uses: a state first, then the form when `hasForm`; any other used argument is refused.
 */
function isArgumentList(actionId: string, root: string, hasForm: boolean): boolean {
  const used = usedArgumentsOf(actionId);
  if (!used) return false;
  let list: unknown;
  try {
    list = JSON.parse(root);
  } catch {
    return false;
  }
  if (!Array.isArray(list) || list.length !== used.length) return false;
  return used.every((isUsed, index) => {
    const argument: unknown = list[index];
    if (!isUsed) return argument === "$undefined" || argument === null;
    if (index === used.length - 1 && hasForm) return typeof argument === "string" && FORM_REFERENCE.test(argument);
    return index === 0 && isStateObject(argument);
  });
}

/** A multipart call: field "0" is `[state, "$K<id>"]` for an action that takes its form. */
export function isServerActionForm(actionId: string, form: FormData): boolean {
  const root = form.get("0");
  return typeof root === "string" && isArgumentList(actionId, root, true);
}

/** A text/plain call: `[state]` for an action that takes no form (signOut). */
export function isServerActionWithoutForm(actionId: string, contentType: string, body: Buffer): boolean {
  return /^text\/plain\b/i.test(contentType) && isArgumentList(actionId, body.toString("utf8"), false);
}

/**
 * A form posted without JavaScript carries its action as fields: "$ACTION_REF_<n>", then
 * "$ACTION_<n>:0" (JSON: the action's id and bound arguments) and "$ACTION_<n>:1" (JSON: the
 * previous state), or "$ACTION_ID_<id>" for one that takes only its form. React's decodeAction
 * parses those JSON fields as they are, so one that is not JSON would answer a 500.
 */
export function isProgressiveFormIntact(form: FormData): boolean {
  for (const [name, value] of form.entries()) {
    if (!/^\$ACTION_\d+:\d+$/.test(name)) continue;
    if (typeof value !== "string") return false;
    try {
      const parsed: unknown = JSON.parse(value);
      if (name.endsWith(":0") && !(parsed !== null && typeof parsed === "object" && typeof (parsed as { id?: unknown }).id === "string")) return false;
    } catch {
      return false;
    }
  }
  return true;
}
