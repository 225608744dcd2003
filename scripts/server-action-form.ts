// Posting one of Podium's forms over HTTP as a browser with JavaScript off
// would: the page's hidden fields make a plain POST reach the server action.
// Used by `npm run session-cookie` and by specs that speak HTTP directly.

const unescape = (value: string) => value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The hidden fields Next renders into a server-action form, which make a plain POST reach the action. */
export function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value = ""]) => [unescape(name), unescape(value)]);
}

/** The messages a refused form shows (its field errors and alerts), as text. */
export function shownErrors(html: string): string[] {
  return [...html.matchAll(/<(p|div)\b[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/g)]
    .map(([, , inner]) => unescape(inner.replace(/<span aria-hidden="true">[\s\S]*?<\/span>/g, "").replace(/<[^>]+>/g, "")).trim())
    .filter(Boolean);
}

export type FormPostResult = { status: number; location: string | null; setCookie: string | null; errors: string[]; body: string };

/**
 * Loads `path`, then posts its form with these fields. `headers` go on both
 * requests (a Cookie, an X-Forwarded-For…). Redirects are not followed.
 */
export async function postServerActionForm(baseUrl: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<FormPostResult> {
  const page = await fetch(new URL(path, baseUrl), { headers });
  if (!page.ok) throw new Error(`GET ${path} answered ${page.status}.`);
  const form = new FormData();
  for (const [name, value] of hiddenFields(await page.text())) form.append(name, value);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(new URL(path, baseUrl), { method: "POST", body: form, redirect: "manual", headers });
  const body = await response.text();
  const setCookie = response.headers.getSetCookie().find((header) => header.startsWith("podium_session=")) ?? null;
  return { status: response.status, location: response.headers.get("location"), setCookie, errors: shownErrors(body), body };
}
