import { randomBytes } from "node:crypto";
import { sealData } from "iron-session";
import mariadb from "mariadb";
import { parseDatabaseUrl } from "../lib/database-url";
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from "../lib/session-options";
import { passwordStamp } from "../lib/users/password-stamp";

// People stored straight in a spec's own database, with the session cookie a
// server started with the same SESSION_SECRET accepts (sealed as sign-in
// seals it), for specs that run their own server.ts.

export type Person = { id: number; name: string; cookie: string; cookieValue: string };

export async function sql<Row>(databaseUrl: string, statement: string, values: unknown[] = []): Promise<Row[]> {
  const connection = await mariadb.createConnection(parseDatabaseUrl(databaseUrl));
  try {
    return await connection.query(statement, values);
  } finally {
    await connection.end();
  }
}

/** Registers attendees for the featured event (the one the seed's routes and a handshake without auth.event open). */
export async function registerForFeatured(databaseUrl: string, userIds: number[]) {
  if (!userIds.length) return;
  await sql(databaseUrl, `INSERT IGNORE INTO registrations (event_id, user_id) SELECT e.id, u.id FROM events e JOIN users u ON u.id IN (?) WHERE e.is_featured = true`, [userIds]);
}

async function sealFor(secret: string, userId: number, staffHash: string | null): Promise<Pick<Person, "cookie" | "cookieValue">> {
  const session = staffHash ? { userId, isStaffSignIn: true, passwordStamp: passwordStamp(staffHash) } : { userId };
  const cookieValue = await sealData(session, { password: secret, ttl: SESSION_TTL_SECONDS });
  return { cookieValue, cookie: `${SESSION_COOKIE}=${cookieValue}` };
}

/** One person; staff get a password hash (never checked here) so their cookie carries a staff sign-in. */
export async function createPerson(databaseUrl: string, secret: string, role: "viewer" | "moderator" | "admin" = "viewer", label = "Person"): Promise<Person> {
  const tag = randomBytes(4).toString("hex");
  const hash = role === "viewer" ? null : `scrypt$${tag}`;
  const name = `${label} ${tag}`;
  const [row] = await sql<{ id: number }>(databaseUrl, "INSERT INTO users (name, email, phone, role, password_hash) VALUES (?, ?, '5550100', ?, ?) RETURNING id", [name, `${label.toLowerCase().replace(/\W+/g, "-")}-${tag}@example.com`, role, hash]);
  if (role === "viewer") await registerForFeatured(databaseUrl, [row.id]);
  return { id: row.id, name, ...(await sealFor(secret, row.id, hash)) };
}

/** Many attendees at once (registered as the form would store them), each with a cookie. */
export async function createAttendees(databaseUrl: string, secret: string, count: number, label = "Viewer"): Promise<Person[]> {
  const tag = randomBytes(3).toString("hex");
  const people: Person[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, index) => ({ name: `${label} ${tag}-${start + index}`, email: `${label.toLowerCase()}-${tag}-${start + index}@example.com` }));
    const rows = await sql<{ id: number; name: string }>(
      databaseUrl,
      `INSERT INTO users (name, email, phone) VALUES ${batch.map(() => "(?, ?, '5550100')").join(", ")} RETURNING id, name`,
      batch.flatMap((person) => [person.name, person.email]),
    );
    await registerForFeatured(databaseUrl, rows.map((row) => row.id));
    for (const row of rows) people.push({ id: row.id, name: row.name, ...(await sealFor(secret, row.id, null)) });
  }
  return people;
}
