import { notFound, redirect } from "next/navigation";
import { eventPath } from "../events/event-paths";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "../events/event-slug";
import { findEventBySlug, findFeaturedEvent, type EventRecord } from "../events/find-event";
import { eventsOverview } from "./report-definitions";

// Which event a reports URL is about: the featured one at /reports/…, the named
// one at /e/<slug>/reports/… (archived or not: admins keep its reports).

/** The event as the report pages show it, with the path its reports' links and exports use. */
export type ReportEvent = {
  id: number;
  slug: string;
  title: string;
  state: EventRecord["state"];
  startsAt: string;
  endsAt: string | null;
  isArchived: boolean;
  /** /reports for the featured event, /e/<slug>/reports for the others. */
  base: string;
  /**
   * /e/<slug>/reports whether featured or not, for exports: a CSV fetched after another event
   * was featured is still this event's, as the page showed.
   */
  ownBase: string;
};

export function toReportEvent(record: EventRecord): ReportEvent {
  const isFeatured = !!record.isFeatured && !record.archivedAt;
  return {
    id: record.id,
    slug: record.slug,
    title: record.title,
    state: record.state,
    startsAt: record.startsAt.toISOString(),
    endsAt: record.endsAt?.toISOString() ?? null,
    isArchived: !!record.archivedAt,
    base: eventPath({ slug: record.slug, isFeatured }, "/reports"),
    ownBase: eventPath({ slug: record.slug, isFeatured: false }, "/reports"),
  };
}

/** `undefined`: the featured event. A slug that could never be an event's is not looked up (nor remembered). */
export async function findReportEvent(slug: string | undefined): Promise<ReportEvent | null> {
  if (slug !== undefined && (slug.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(slug))) return null;
  const record = slug === undefined ? await findFeaturedEvent() : await findEventBySlug(slug);
  return record ? toReportEvent(record) : null;
}

/**
 * For report pages, after requireRole: the event, or the overview when none is featured (at
 * /reports/…), or 404 for an unknown slug. Admins only reach this, so a 404 tells nobody else anything.
 */
export async function openReportEvent(slug: string | undefined): Promise<ReportEvent> {
  const event = await findReportEvent(slug);
  if (event) return event;
  if (slug === undefined) redirect(eventsOverview.path);
  notFound();
}

/** Ended or archived: nothing more will be added, so empty states say so instead of "yet". */
export function isOver(event: ReportEvent): boolean {
  return event.isArchived || event.state === "ended";
}
