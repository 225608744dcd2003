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

/** Stores chat messages straight in the database, as if posted while a page was not listening. */
export async function insertChatMessages(user: { id: number; name: string }, texts: string[]) {
  await query(`INSERT INTO chat_messages (user_id, user_name, message) VALUES ${texts.map(() => "(?, ?, ?)").join(", ")}`, texts.flatMap((text) => [user.id, user.name, text]));
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
