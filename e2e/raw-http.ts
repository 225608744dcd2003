import { randomBytes } from "node:crypto";
import http from "node:http";
import { hiddenFields } from "../scripts/server-action-form";
import { query } from "./database";

// HTTP spoken byte by byte, as a script (or an attacker) would: node:http
// rather than fetch, so a body goes out in one write with the exact headers
// chosen, and an early answer (413, 403) can still be read.

export const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string } | { status: 0; error: string; headers: http.IncomingHttpHeaders; body: "" };

/** One request; a connection the server drops comes back as status 0 with the error code, never as a throw. */
export function rawRequest(path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string; chunked?: boolean } = {}): Promise<RawResponse> {
  const body = typeof options.body === "string" ? Buffer.from(options.body) : options.body;
  const headers: Record<string, string> = { ...options.headers };
  if (body && !options.chunked) headers["content-length"] = String(body.length);
  if (options.chunked) headers["transfer-encoding"] = "chunked";
  return new Promise((resolve) => {
    const request = http.request(new URL(path, baseURL), { method: options.method ?? "GET", headers, timeout: 20_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", (error: NodeJS.ErrnoException) => resolve({ status: 0, error: error.code ?? error.message, headers: {}, body: "" }));
    });
    request.on("timeout", () => request.destroy(Object.assign(new Error("timed out"), { code: "TIMEOUT" })));
    request.on("error", (error: NodeJS.ErrnoException) => resolve({ status: 0, error: error.code ?? error.message, headers: {}, body: "" }));
    if (options.chunked && body) request.write(body);
    request.end(options.chunked ? undefined : body);
  });
}

/** An address of this test's own (documentation range): the end-to-end server trusts one proxy, so per-address limits are ours alone. */
export function ownAddress() {
  return `203.0.113.${1 + (randomBytes(1)[0] % 250)}, 2001:db8:c0de:${randomBytes(2).toString("hex")}::1`;
}

/**
 * The hidden fields of the form at `path` (as the holder of `cookie` sees it), which make a plain POST
 * reach its server action (loaded once per test). On a page with several forms, `withField` picks the
 * one that has a field of that name: its hidden fields also say which form's state the answer shows.
 */
export async function formFields(path: string, cookie?: string, withField?: string): Promise<[string, string][]> {
  const page = await rawRequest(path, { headers: cookie ? { cookie } : {} });
  if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
  if (!withField) return hiddenFields(page.body);
  const form = page.body.match(/<form\b[\s\S]*?<\/form>/g)?.find((html) => html.includes(`name="${withField}"`));
  if (!form) throw new Error(`GET ${path} has no form with a field named ${withField}`);
  return hiddenFields(form);
}

/** A multipart body as a browser with JavaScript off sends it: the hidden fields, then these. */
export async function multipartBody(hidden: [string, string][], fields: [string, string][]) {
  const form = new FormData();
  for (const [name, value] of [...hidden, ...fields]) form.append(name, value);
  const request = new Request(baseURL, { method: "POST", body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

/** Posts a form the way a browser on Podium's own page does (same Origin), from this test's address. */
export async function postForm(path: string, hidden: [string, string][], fields: [string, string][], headers: Record<string, string> = {}) {
  const { body, contentType } = await multipartBody(hidden, fields);
  return rawRequest(path, { method: "POST", body, headers: { origin: baseURL, "content-type": contentType, ...headers } });
}

/** A form post with a file where the text field `fileField` belongs. */
export async function postWithFile(path: string, hidden: [string, string][], fileField: string, fields: [string, string][], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of [...hidden, ...fields]) form.append(name, value);
  form.append(fileField, new Blob(["Ann Lee"], { type: "text/plain" }), "upload.txt");
  const request = new Request(baseURL, { method: "POST", body: form });
  const body = Buffer.from(await request.arrayBuffer());
  return rawRequest(path, { method: "POST", body, headers: { origin: baseURL, "content-type": request.headers.get("content-type")!, ...headers } });
}

export function sessionCookieOf(response: RawResponse): string | null {
  const header = [response.headers["set-cookie"] ?? []].flat().find((cookie) => cookie.startsWith("podium_session="));
  return header ? header.split(";")[0] : null;
}

/** A new attendee registered through the real form; their cookie, email and id. */
export async function registerOverHttp(label: string, address: string) {
  const tag = randomBytes(4).toString("hex");
  const email = `${label}-${tag}@example.com`;
  const response = await postForm("/", await formFields("/"), [["name", `Hostile ${label} ${tag}`], ["email", email], ["phone", "5550100"]], { "x-forwarded-for": address });
  const cookie = sessionCookieOf(response);
  if (response.status !== 303 || !cookie) throw new Error(`Registering ${email} answered ${response.status}`);
  const [row] = await query<{ id: number }>("SELECT id FROM users WHERE email = ?", [email]);
  return { cookie, email, id: row.id };
}

/** A staff sign-in through the real form; the cookie. */
export async function signInOverHttp(account: { email: string; password: string }, address: string) {
  const response = await postForm("/staff", await formFields("/staff"), [["email", account.email], ["password", account.password]], { "x-forwarded-for": address });
  const cookie = sessionCookieOf(response);
  if (response.status !== 303 || !cookie) throw new Error(`Signing in ${account.email} answered ${response.status}`);
  return cookie;
}

/** Runs `work` over `items`, at most `limit` at a time, in order of start. */
export async function inBatches<Item, Result>(items: Item[], limit: number, work: (item: Item, index: number) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
