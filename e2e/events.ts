import { randomBytes } from "node:crypto";
import { query } from "./database";

// Events made straight in the end-to-end database, so a spec runs in an event
// of its own: its room, counts and reports are nobody else's. (Organisers make
// them at /events; e2e/events-admin.spec.ts tests that page.)

export type TestEvent = { id: number; slug: string; title: string };

export type EventSettings = { state?: "scheduled" | "live" | "ended"; isChatOn?: boolean; isQaOn?: boolean; startsAt?: Date; streamUrl?: string; title?: string; description?: string };

export async function createEvent(label = "spec", settings: EventSettings = {}): Promise<TestEvent> {
  const slug = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(4).toString("hex")}`;
  const title = settings.title ?? `Event ${slug}`;
  const [row] = await query<{ id: number }>(
    "INSERT INTO events (slug, title, description, stream_url, starts_at, state, is_chat_on, is_qa_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    [slug, title, settings.description ?? "", settings.streamUrl ?? "", settings.startsAt ?? new Date(), settings.state ?? "live", settings.isChatOn ?? true, settings.isQaOn ?? true],
  );
  return { id: row.id, slug, title };
}

/** Registers people for an event, as its registration page does. */
export async function register(event: TestEvent, userIds: number[]) {
  if (userIds.length) await query(`INSERT IGNORE INTO registrations (event_id, user_id) VALUES ${userIds.map(() => "(?, ?)").join(", ")}`, userIds.flatMap((id) => [event.id, id]));
}

/** A new attendee account (as registration stores it), registered for these events. */
export async function createAttendee(events: TestEvent[], label = "Attendee"): Promise<{ id: number; name: string }> {
  const tag = randomBytes(4).toString("hex");
  const name = `${label} ${tag}`;
  const [row] = await query<{ id: number }>("INSERT INTO users (name, email, phone) VALUES (?, ?, '5550100') RETURNING id", [name, `${label.toLowerCase()}-${tag}@example.com`]);
  for (const event of events) await register(event, [row.id]);
  return { id: row.id, name };
}
