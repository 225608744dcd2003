import { extractInfoFromServerReferenceId, mightBeServerReferenceId } from "next/dist/shared/lib/server-reference-info.js";

/**
 * What Next's client sends to call one of Podium's server actions, which each
 * take either their form or only their previous state (signOut):
 * - a form's action gets the form: React encodes the arguments as a multipart
 *   body whose field "0" is the JSON array of arguments, the form among them
 *   as a "$K<id>" reference (React's encodeReply);
 * - an action that takes no form gets the arguments it uses as text/plain
 *   JSON (below).
 * Any other body ("{{{", "[", "null", "[1,2,3]", JSON, urlencoded) would reach
 * Next's decoder or the action as something it cannot use, and answer a 500.
 */
export function isServerActionForm(form: FormData): boolean {
  const root = form.get("0");
  if (typeof root !== "string") return false;
  let argumentsList: unknown;
  try {
    argumentsList = JSON.parse(root);
  } catch {
    return false;
  }
  return Array.isArray(argumentsList) && argumentsList.some((argument) => typeof argument === "string" && /^\$K[0-9a-f]+$/.test(argument));
}

/**
 * The body of a call that carries no form: Next's client leaves out the
 * arguments an action does not use, which its id says (the id's first byte,
 * read by Next's own extractInfoFromServerReferenceId), and sends the rest as
 * text/plain JSON. Podium's only such action is signOut, which uses just the
 * previous state of its useActionState ("[{}]"). So every argument the id
 * marks as used must be there and be such a state (a JSON object), and the
 * others left out ("$undefined"). A body that lacks a used argument (the form
 * of a form's action) or holds anything else ("[1,2,3]") is garbled.
 */
export function isServerActionWithoutForm(actionId: string, contentType: string, body: Buffer): boolean {
  if (!/^text\/plain\b/i.test(contentType) || !mightBeServerReferenceId(actionId)) return false;
  const { usedArgs, hasRestArgs } = extractInfoFromServerReferenceId(actionId);
  let argumentsList: unknown;
  try {
    argumentsList = JSON.parse(body.toString("utf8"));
  } catch {
    return false;
  }
  if (!Array.isArray(argumentsList) || hasRestArgs || argumentsList.length > usedArgs.length) return false;
  const isState = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);
  return usedArgs.every((isUsed, index) => (isUsed ? isState(argumentsList[index]) : argumentsList[index] === undefined || argumentsList[index] === "$undefined"));
}
