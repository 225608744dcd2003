/**
 * Whether a post carrying a `Next-Action` header holds what Next's client
 * sends for one of Podium's actions. Every one of them is a form's action, so
 * it is called with the form: React then encodes the arguments as a multipart
 * body whose field "0" is the JSON array of arguments, the form among them as
 * a "$K<id>" reference (React's encodeReply). Any other body (text/plain
 * "{{{", "[", "null", "[1,2,3]", JSON, urlencoded) would reach Next's decoder
 * or the action itself as something it cannot use, and answer a 500.
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
