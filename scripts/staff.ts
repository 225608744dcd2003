// Usage: npm run staff -- --email E --name N --role moderator|speaker|admin [--password P]
// Creates a staff account, or updates the one with that email. Without
// --password, the password is read from standard input (first line).
import { parseArgs } from "node:util";
import { db } from "../lib/db";
import { saveStaffAccount } from "../lib/users/save-staff-account";
import { staffAccountSchema } from "../lib/validation/staff-account";

const USAGE = "Usage: npm run staff -- --email E --name N --role moderator|speaker|admin [--password P]  (or the password on stdin)";

/** The first line of stdin; at a terminal the typed characters are not echoed. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) {
      input += chunk;
      if (input.includes("\n")) break;
    }
    return input.split(/\r?\n/)[0];
  }
  process.stdout.write("Password (not shown): ");
  process.stdin.setRawMode(true);
  process.stdin.setEncoding("utf8");
  let password = "";
  for await (const key of process.stdin as AsyncIterable<string>) {
    if (key === "\u0003") process.exit(130);
    if (key === "\r" || key === "\n") break;
    password = key === "\u007f" ? password.slice(0, -1) : password + key;
  }
  process.stdin.setRawMode(false);
  process.stdin.pause();
  process.stdout.write("\n");
  return password;
}

try {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, password: { type: "string" } },
  });
  const password = values.password ?? (await readPassword());
  const parsed = staffAccountSchema.safeParse({ ...values, password });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${String(issue.path[0] ?? "input")}: ${issue.message}`);
    console.error(USAGE);
    process.exitCode = 2;
  } else {
    const saved = await saveStaffAccount(parsed.data);
    console.log(`${saved.isNew ? "Created" : "Updated"} ${saved.role} ${saved.email} (user ${saved.id}). Sign in at /staff.`);
  }
} catch (error) {
  console.error((error as Error).message);
  console.error(USAGE);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
