// Usage: npm run staff -- --email E --name N --role moderator|speaker|admin [--password P]
// Creates a staff account, or updates the one with that email. Without
// --password, the password is read from standard input (first line).
import { parseArgs } from "node:util";
import { db } from "../lib/db";
import { saveStaffAccount } from "../lib/users/save-staff-account";
import { staffAccountSchema } from "../lib/validation/staff-account";
import { readPassword } from "./read-password";

const USAGE = "Usage: npm run staff -- --email E --name N --role moderator|speaker|admin [--password P]  (or the password on stdin)";

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
