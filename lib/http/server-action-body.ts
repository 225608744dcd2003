import { extractInfoFromServerReferenceId, mightBeServerReferenceId } from "next/dist/shared/lib/server-reference-info.js";

/**
 * What Next's client sends to call one of Podium's server actions, which each
 * take either their form or nothing at all (signOut):
 * - a form's action gets the form: React encodes the arguments as a multipart
 *   body whose field "0" is the JSON array of arguments, the form among them
 *   as a "$K<id>" reference (React's encodeReply);
 * - an action that uses no arguments gets the text/plain body "[]" (below).
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
 * The body of a call with no arguments: Next's client leaves out the
 * arguments an action does not use, which its id says (the id's first byte,
 * read by Next's own extractInfoFromServerReferenceId), so an action that
 * uses none gets the text/plain body "[]". The same body for an action that
 * takes its form would call it with none.
 */
export function isServerActionWithoutArguments(actionId: string, contentType: string, body: Buffer): boolean {
  if (!/^text\/plain\b/i.test(contentType) || !mightBeServerReferenceId(actionId)) return false;
  const info = extractInfoFromServerReferenceId(actionId);
  if (info.usedArgs.some(Boolean) || info.hasRestArgs) return false;
  try {
    const argumentsList: unknown = JSON.parse(body.toString("utf8"));
    return Array.isArray(argumentsList) && argumentsList.length === 0;
  } catch {
    return false;
  }
}
