import { randomBytes } from "node:crypto";
import { query } from "./database";

// Report data written straight to the database, with known answers: events of a
// spec's own (so its figures are its alone), registrations and viewing sessions.
// Every row names its event.

export type SeededEvent = { id: number; slug: string; title: string };

/** A new event, not featured, with a unique slug and title; `archived` leaves it out of every list. */
export async function insertEvent(label: string, options: { startsAt?: string; endsAt?: string | null; state?: "scheduled" | "live" | "ended"; archived?: boolean } = {}): Promise<SeededEvent> {
  const tag = randomBytes(3).toString("hex");
  const slug = `${label.toLowerCase()}-${tag}`;
  const title = `${label} ${tag}`;
  const [{ id }] = await query<{ id: number }>(
    "INSERT INTO events (slug, title, starts_at, ends_at, state, archived_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    [slug, title, options.startsAt ?? "2026-11-24 10:00:00.000", options.endsAt ?? null, options.state ?? "live", options.archived ? "2026-11-30 10:00:00.000" : null],
  );
  return { id: Number(id), slug, title };
}

/** A person, registered for the event at the given time. */
export async function insertRegistrant(eventId: number, person: { name: string; email: string; phone: string }, registeredAt: string): Promise<number> {
  const [{ id }] = await query<{ id: number }>("INSERT INTO users (name, email, phone) VALUES (?, ?, ?) RETURNING id", [person.name, person.email, person.phone]);
  await registerFor(eventId, Number(id), registeredAt);
  return Number(id);
}

export async function registerFor(eventId: number, userId: number, registeredAt: string) {
  await query("INSERT INTO registrations (event_id, user_id, created_at) VALUES (?, ?, ?)", [eventId, userId, registeredAt]);
}

/** An ended viewing session of the event: start and last heartbeat (UTC), and the minutes it earned. */
export async function insertSession(eventId: number, userId: number, start: string, lastPing: string, minutes: number) {
  await query("INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes) VALUES (?, ?, ?, ?, ?)", [eventId, userId, start, lastPing, minutes]);
}
