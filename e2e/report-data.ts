import { query } from "./database";
import { register } from "./events";

// Report data written straight to the database, with known answers: people
// registered at a known time, and viewing sessions, in events of a spec's own
// (e2e/events.ts), so its figures are its alone.
// Every row names its event.

/** A person, registered for the event at the given time. */
export async function insertRegistrant(eventId: number, person: { name: string; email: string; phone: string }, registeredAt: string): Promise<number> {
  const [{ id }] = await query<{ id: number }>("INSERT INTO users (name, email, phone) VALUES (?, ?, ?) RETURNING id", [person.name, person.email, person.phone]);
  await register({ id: eventId }, [Number(id)], registeredAt);
  return Number(id);
}

/** An ended viewing session of the event: start and last heartbeat (UTC), and the minutes it earned. */
export async function insertSession(eventId: number, userId: number, start: string, lastPing: string, minutes: number) {
  await query("INSERT INTO session_analytics (event_id, user_id, start_time, last_ping, total_minutes) VALUES (?, ?, ?, ?, ?)", [eventId, userId, start, lastPing, minutes]);
}
