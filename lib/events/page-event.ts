import "server-only";
import { notFound, redirect } from "next/navigation";
import { requireUser, type CurrentUser } from "../auth";
import { noteDatabaseFailure } from "../health/database-health";
import { eventPath } from "./event-paths";
import { findEventBySlug, findFeaturedEvent, type EventRecord } from "./find-event";
import { isRegisteredFor } from "./register-for-event";

// Which event a page is about: the featured one for the seed's routes (/watch,
// /mod, /speaker), the one its /e/<slug>/… path names otherwise.

async function lookUp<T>(find: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  try {
    return await find();
  } catch (error) {
    // The database away is an outage page (lib/http/outage-guard.ts), never "no such event".
    throw noteDatabaseFailure(error, startedAt);
  }
}

/** The featured event; with none featured, the home page (which then lists the events). */
export async function requireFeaturedEvent(): Promise<EventRecord> {
  const event = await lookUp(findFeaturedEvent);
  if (!event) redirect("/");
  return event;
}

/** The event at /e/<slug>; 404 for an unknown or archived one (unless archived ones are asked for: reports). */
export async function requireEvent(slug: string, { isArchivedShown = false } = {}): Promise<EventRecord> {
  const event = await lookUp(() => findEventBySlug(slug));
  if (!event || (event.archivedAt && !isArchivedShown)) notFound();
  return event;
}

/** Whether this person is registered for the event (staff need not be: their roles hold for every event). */
export function hasRegistration(user: CurrentUser, event: EventRecord): Promise<boolean> {
  if (user.role !== "viewer") return Promise.resolve(true);
  return lookUp(() => isRegisteredFor({ eventId: event.id, userId: user.id }));
}

/**
 * The person on an event's watch page: signed in (else its registration page, to register or
 * sign back in) and registered for this event (else its registration page, where one click joins).
 */
export async function requireAttendee(event: EventRecord): Promise<CurrentUser> {
  const user = await requireUser(eventPath(event, "/watch"));
  if (!(await hasRegistration(user, event))) redirect(`${eventPath(event)}?reason=register`);
  return user;
}
