import "server-only";
import { notFound, redirect } from "next/navigation";
import { noteDatabaseFailure } from "../health/database-health";
import { findEventBySlug, findFeaturedEvent, type EventRecord } from "./find-event";

// Which event a page is about: the featured one for the seed's routes (/watch,
// /mod, /speaker), the one its /e/<slug>/… path names otherwise.

async function lookUp(find: () => Promise<EventRecord | null>) {
  try {
    return await find();
  } catch (error) {
    // The database away is an outage page (lib/http/outage-guard.ts), never "no such event".
    throw noteDatabaseFailure(error);
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
