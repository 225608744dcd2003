import { randomBytes } from "node:crypto";
import { eventPath, type EventArea } from "../lib/events/event-paths";
import { query } from "./database";

// Events made straight in the end-to-end database, so a spec runs in an event
// of its own: its room, counts and reports are nobody else's. (Organisers make
// them at /events; e2e/events-admin.spec.ts tests that page.)

export type TestEvent = { id: number; slug: string; title: string; description: string };

/**
 * The event the seed's routes serve (/, /watch, /mod, /speaker, /reports). Only
 * the specs that prove those routes still work exactly as before use it; the
 * rest run in an event of their own.
 */
export const FEATURED = "featured";
export type EventPlace = TestEvent | typeof FEATURED;

export type EventSettings = {
  state?: "scheduled" | "live" | "ended";
  isChatOn?: boolean;
  isQaOn?: boolean;
  /** A Date, or a UTC "YYYY-MM-DD hh:mm:ss" as the reports' fixtures write them. */
  startsAt?: Date | string;
  endsAt?: Date | string | null;
  streamUrl?: string;
  description?: string;
  archived?: boolean;
};

/**
 * A new event, live with chat and Q&A on unless `settings` say otherwise, not
 * featured. A fresh slug each time, so the server's in-memory event cache has
 * never seen it and reads this row as it is.
 */
export async function createEvent(label = "spec", settings: EventSettings = {}): Promise<TestEvent> {
  const tag = randomBytes(4).toString("hex");
  const slug = `${label}-${tag}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const title = `${label[0].toUpperCase()}${label.slice(1)} ${tag}`;
  const description = settings.description ?? `What ${title} is about.`;
  const [row] = await query<{ id: number }>(
    "INSERT INTO events (slug, title, description, stream_url, starts_at, ends_at, state, is_chat_on, is_qa_on, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    [slug, title, description, settings.streamUrl ?? "", settings.startsAt ?? new Date(), settings.endsAt ?? null, settings.state ?? "live", settings.isChatOn ?? true, settings.isQaOn ?? true, settings.archived ? new Date() : null],
  );
  return { id: Number(row.id), slug, title, description };
}

/** Where an event's page is: the seed's route for FEATURED, /e/<slug>/… for any other. */
export function pathOf(event: EventPlace, area: EventArea = "") {
  return event === FEATURED ? eventPath({ slug: "", isFeatured: true }, area) : eventPath(event, area);
}

/** Registers people for an event, as its registration page does (`registeredAt`: the reports' Reg Date; default now). */
export async function register(event: Pick<TestEvent, "id">, userIds: number[], registeredAt?: string) {
  if (!userIds.length) return;
  await query(
    `INSERT IGNORE INTO registrations (event_id, user_id, created_at) VALUES ${userIds.map(() => "(?, ?, COALESCE(?, NOW(3)))").join(", ")}`,
    userIds.flatMap((id) => [event.id, id, registeredAt ?? null]),
  );
}

/** A new attendee account (as registration stores it), registered for these events. */
export async function createAttendee(events: Pick<TestEvent, "id">[], label = "Attendee"): Promise<{ id: number; name: string; email: string }> {
  const tag = randomBytes(4).toString("hex");
  const name = `${label} ${tag}`;
  const email = `${label.toLowerCase().replace(/\W+/g, "-")}-${tag}@example.com`;
  const [row] = await query<{ id: number }>("INSERT INTO users (name, email, phone) VALUES (?, ?, '5550100') RETURNING id", [name, email]);
  for (const event of events) await register(event, [row.id]);
  return { id: Number(row.id), name, email };
}

export async function registrationsFor(eventId: number, email: string) {
  return query<{ created_at: Date }>("SELECT registrations.created_at FROM registrations JOIN users ON users.id = registrations.user_id WHERE registrations.event_id = ? AND users.email = ?", [eventId, email.trim().toLowerCase()]);
}
