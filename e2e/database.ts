import mariadb from "mariadb";
import { parseDatabaseUrl } from "../lib/database-url";

/** Runs one query against the end-to-end database, to check what a page really stored. */
export async function query<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
  const connection = await mariadb.createConnection(parseDatabaseUrl(process.env.E2E_DATABASE_URL!));
  try {
    return await connection.query(sql, values);
  } finally {
    await connection.end();
  }
}

export async function usersWithEmail(email: string) {
  return query<{ id: number; name: string; email: string; phone: string; role: string }>(
    "SELECT id, name, email, phone, role FROM users WHERE email = ?",
    [email.trim().toLowerCase()],
  );
}

export async function usersNamed(name: string) {
  return query<{ id: number; email: string }>("SELECT id, email FROM users WHERE name = ?", [name]);
}

/** The id an INSERT made (the driver answers an INSERT with { insertId } rather than rows). */
const insertIdOf = (result: unknown) => Number((result as { insertId: bigint | number }).insertId);

/** A new attendee registered for one event, straight in the database (as if they had used its registration page). */
export async function insertRegistration(eventId: number, label = "registrant") {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const userId = insertIdOf(await query("INSERT INTO users (name, email, phone) VALUES (?, ?, ?)", [`Test ${label} ${tag}`, `${label}-${tag}@example.com`, "+15550102030"]));
  await query("INSERT INTO registrations (event_id, user_id) VALUES (?, ?)", [eventId, userId]);
  return userId;
}

/** A scheduled, unfeatured event made straight in the database; returns its id. */
export async function insertEvent(slug: string, title = slug) {
  return insertIdOf(await query("INSERT INTO events (slug, title, starts_at) VALUES (?, ?, NOW(3))", [slug, title]));
}

export type TestEvent = { id: number; slug: string; title: string; description: string };

/**
 * An event of the spec's own, stored straight in the database (the admin's /events
 * form is tested elsewhere). Not featured. A fresh slug each time, so the server's
 * in-memory event cache has never seen it and reads this row as it is.
 */
export async function createEvent(options: { label?: string; state?: "scheduled" | "live" | "ended"; startsAt?: Date; description?: string; isChatOn?: boolean; isQaOn?: boolean; archived?: boolean } = {}): Promise<TestEvent> {
  const tag = Math.random().toString(36).slice(2, 8);
  const label = options.label ?? "event";
  const slug = `${label}-${tag}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const title = `${label[0].toUpperCase()}${label.slice(1)} ${tag}`;
  const description = options.description ?? `What ${title} is about.`;
  const [row] = await query<{ id: number }>(
    "INSERT INTO events (slug, title, description, starts_at, state, is_chat_on, is_qa_on, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    [slug, title, description, options.startsAt ?? new Date(), options.state ?? "live", options.isChatOn ?? true, options.isQaOn ?? true, options.archived ? new Date() : null],
  );
  return { id: row.id, slug, title, description };
}

export async function registrationsFor(eventId: number, email: string) {
  return query<{ created_at: Date }>("SELECT registrations.created_at FROM registrations JOIN users ON users.id = registrations.user_id WHERE registrations.event_id = ? AND users.email = ?", [eventId, email.trim().toLowerCase()]);
}
