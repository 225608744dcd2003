// Usage:
//   npm run --silent session-cookie -- --name N --email E --phone P          an attendee of the featured event
//   add --event <slug> to register for that event instead (its page, /e/<slug>)
//   npm run --silent session-cookie -- --staff --email E [--password P]      staff (password on stdin without --password)
//   add --url http://host:port when Podium is not at http://localhost:$PORT (3000)
// Prints `podium_session=…`, ready for the Cookie header of another client of
// the real-time contract (docs/realtime-contract.md). It fills in the form at
// / or /staff over HTTP, as a browser with JavaScript off would, so the same
// validation and rules apply; a refusal prints the page's message and exits 1.
import { parseArgs } from "node:util";
import { readPassword } from "./read-password";
import { postServerActionForm } from "./server-action-form";

const USAGE = "Usage: npm run --silent session-cookie -- [--url U] [--event SLUG] --name N --email E --phone P  |  --staff --email E [--password P]";

async function sessionCookie(baseUrl: string, path: string, fields: Record<string, string>): Promise<string> {
  const result = await postServerActionForm(baseUrl, path, fields).catch((error: Error) => {
    throw new Error(error.message.startsWith("GET") ? error.message : `Nothing answers at ${baseUrl}. Is Podium running (npm start), and is --url right?`);
  });
  if (result.status === 303 && result.setCookie) return result.setCookie.split(";")[0];
  throw new Error(result.errors.length ? result.errors.join("\n") : `POST ${path} answered ${result.status} without a session.`);
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
      event: { type: "string" },
    },
  });
  if (!values.email) throw new Error("--email is required.");
  const cookie = values.staff
    ? await sessionCookie(values.url, "/staff", { email: values.email, password: values.password ?? (await readPassword()) })
    : await sessionCookie(values.url, values.event ? `/e/${encodeURIComponent(values.event)}` : "/", { name: values.name ?? "", email: values.email, phone: values.phone ?? "" });
  console.log(cookie);
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exitCode = 1;
}
