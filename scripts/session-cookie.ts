// Usage:
//   npm run --silent session-cookie -- --name N --email E --phone P          an attendee
//   npm run --silent session-cookie -- --staff --email E [--password P]      staff (password on stdin without --password)
//   add --url http://host:port when Podium is not at http://localhost:$PORT (3000)
// Prints `podium_session=…`, ready for the Cookie header of another client of
// the real-time contract (docs/realtime-contract.md). It fills in the form at
// / or /staff over HTTP, as a browser with JavaScript off would, so the same
// validation and rules apply; a refusal prints the page's message and exits 1.
import { parseArgs } from "node:util";
import { SESSION_COOKIE } from "../lib/session-options";
import { readPassword } from "./read-password";

const USAGE = "Usage: npm run --silent session-cookie -- [--url U] --name N --email E --phone P  |  --staff --email E [--password P]";

const unescape = (value: string) => value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The hidden fields Next renders into a server-action form, which make a plain POST reach the action. */
function hiddenFields(html: string): [string, string][] {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(([, name, value = ""]) => [unescape(name), unescape(value)]);
}

/** The messages a refused form shows (its field errors and alerts), as text. */
function shownErrors(html: string): string[] {
  return [...html.matchAll(/<(p|div)\b[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/g)]
    .map(([, , inner]) => unescape(inner.replace(/<span aria-hidden="true">[\s\S]*?<\/span>/g, "").replace(/<[^>]+>/g, "")).trim())
    .filter(Boolean);
}

async function sessionCookie(baseUrl: string, path: "/" | "/staff", fields: Record<string, string>): Promise<string> {
  const page = await fetch(new URL(path, baseUrl)).catch(() => {
    throw new Error(`Nothing answers at ${baseUrl}. Is Podium running (npm start), and is --url right?`);
  });
  if (!page.ok) throw new Error(`GET ${path} answered ${page.status}.`);
  const form = new FormData();
  for (const [name, value] of hiddenFields(await page.text())) form.append(name, value);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(new URL(path, baseUrl), { method: "POST", body: form, redirect: "manual" });
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith(`${SESSION_COOKIE}=`));
  if (response.status === 303 && cookie) return cookie.split(";")[0];
  const errors = shownErrors(await response.text());
  throw new Error(errors.length ? errors.join("\n") : `POST ${path} answered ${response.status} without a session.`);
}

try {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: `http://localhost:${process.env.PORT ?? 3000}` },
      staff: { type: "boolean", default: false },
      name: { type: "string" },
      email: { type: "string" },
      phone: { type: "string" },
      password: { type: "string" },
    },
  });
  if (!values.email) throw new Error("--email is required.");
  const cookie = values.staff
    ? await sessionCookie(values.url, "/staff", { email: values.email, password: values.password ?? (await readPassword()) })
    : await sessionCookie(values.url, "/", { name: values.name ?? "", email: values.email, phone: values.phone ?? "" });
  console.log(cookie);
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exitCode = 1;
}
