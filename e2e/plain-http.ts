import { readFileSync } from "node:fs";
import path from "node:path";
import { SESSION_COOKIE } from "../lib/session-options";
import { hiddenFields } from "../scripts/server-action-form";

// Podium over plain HTTP, as a browser with JavaScript off (or curl) sees it:
// GETs that do not follow redirects, and server-action forms posted with the
// hidden fields Next renders into them (as scripts/session-cookie.ts does).

export const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

/** A documentation-range address (RFC 5737), one per run. */
const CLIENT_ADDRESS = `192.0.2.${1 + Math.floor(Math.random() * 254)}`;

export type Answer = { status: number; location: URL | null; contentType: string; setCookies: string[]; html: string };

async function answerOf(response: Response): Promise<Answer> {
  const location = response.headers.get("location");
  const contentType = response.headers.get("content-type") ?? "";
  // Only HTML is read: an admin's export streams a whole CSV.
  const html = contentType.startsWith("text/html") ? await response.text() : (await response.body?.cancel(), "");
  return { status: response.status, location: location ? new URL(location, baseURL) : null, contentType, setCookies: response.headers.getSetCookie(), html };
}

export async function get(pathname: string, cookie?: string): Promise<Answer> {
  return answerOf(await fetch(new URL(pathname, baseURL), { redirect: "manual", headers: cookie ? { cookie } : {} }));
}

/** Posts a form to `pathname` the way a browser without JavaScript does. */
export async function postForm(pathname: string, hidden: [string, string][], fields: Record<string, string>, cookie?: string): Promise<Answer> {
  const form = new FormData();
  for (const [name, value] of hidden) form.append(name, value);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  // A browser sends its page's Origin with every form post; the server checks it. The end-to-end
  // server trusts one proxy, so this spec's posts count against an address of their own, not the
  // 127.0.0.1 every browser spec shares (sign-in and registration limits are per address).
  const headers: Record<string, string> = { origin: baseURL, "x-forwarded-for": CLIENT_ADDRESS, ...(cookie ? { cookie } : {}) };
  return answerOf(await fetch(new URL(pathname, baseURL), { method: "POST", body: form, redirect: "manual", headers }));
}

/**
 * A server action's id, from the build the server runs (NEXT_DIST_DIR). Next
 * renders it only into forms on the page: an action whose form appears after
 * a click (a confirmation step) can still be posted by anyone who reads the
 * page's JavaScript, as this does.
 */
export function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const found = Object.entries(manifest.node).filter(([, action]) => action.exportedName === exportedName);
  if (found.length !== 1) throw new Error(`The build has ${found.length} server actions named ${exportedName}.`);
  return found[0][0];
}

/** Opens the page with the form, then fills it in and sends it. */
export async function fillInForm(pathname: string, fields: Record<string, string>): Promise<Answer> {
  const page = await get(pathname);
  if (page.status !== 200) throw new Error(`GET ${pathname} answered ${page.status}, so its form cannot be filled in.`);
  return postForm(pathname, hiddenFields(page.html), fields);
}

/** The session cookie an answer sets, as a Cookie header; null when it sets none (or only clears it). */
export function sessionCookieOf(answer: Answer): string | null {
  const pair = answer.setCookies.map((header) => header.split(";")[0]).find((candidate) => candidate.startsWith(`${SESSION_COOKIE}=`));
  return pair && pair !== `${SESSION_COOKIE}=` ? pair : null;
}

/** Whether an answer tells the browser to drop its session cookie. */
export function clearsSessionCookie(answer: Answer): boolean {
  return answer.setCookies.some((header) => header.startsWith(`${SESSION_COOKIE}=;`) && /;\s*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(header));
}

/**
 * An HTTP answer in SECURITY.md's cell vocabulary. `area` is where a refused
 * visitor's `next` should point (null when the request has no area, as for
 * a server action). A `yes` export must be CSV; a form answered with its own
 * page again, showing an error and setting no session, was `refused`.
 */
export function describeAnswer(answer: Answer, options: { area: string | null; kind: "page" | "export" | "form" }): string {
  if (answer.status === 200) {
    if (options.kind === "export" && !answer.contentType.startsWith("text/csv")) return `200 with ${answer.contentType || "no content type"}`;
    if (options.kind === "form") return answer.html.includes('role="alert"') && !sessionCookieOf(answer) ? "refused" : "200 without a redirect";
    return "yes";
  }
  if (answer.status >= 300 && answer.status < 400 && answer.location) {
    const { pathname, search, searchParams } = answer.location;
    const reason = searchParams.get("reason");
    if (reason !== "signin" && reason !== "forbidden") return `yes → ${pathname}${search}`;
    const next = searchParams.get("next");
    const wrongNext = options.area && next !== options.area ? `, next=${next}` : "";
    return `no → ${pathname} (${reason === "signin" ? "sign in" : "forbidden"}${wrongNext})`;
  }
  return String(answer.status);
}
