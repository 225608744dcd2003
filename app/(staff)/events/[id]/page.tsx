import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ArchiveEventButton } from "@/components/events/archive-event-button";
import { EventActionButton } from "@/components/events/event-action-button";
import { EventForm } from "@/components/events/event-form";
import { EventLink } from "@/components/events/event-link";
import { EventQrCode } from "@/components/events/event-qr-code";
import { EventStateButton } from "@/components/events/event-state-button";
import { FeaturedBadge, StateBadge } from "@/components/events/state-badge";
import styles from "@/components/events/events.module.css";
import { SiteHeader } from "@/components/layout/site-header";
import shell from "@/components/layout/page-shell.module.css";
import { TimeZoneSync } from "@/components/reports/time-zone-sync";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth";
import { eventPath } from "@/lib/events/event-paths";
import { findManagedEvent } from "@/lib/events/find-managed-event";
import { toLocalDateTime } from "@/lib/events/zoned-time";
import { requestOrigin } from "@/lib/http/request-origin";
import { countWatchingNow } from "@/lib/realtime/presence";
import { describeTimeZone, formatDateTime, getViewerTimeZone, TIME_ZONE_COOKIE } from "@/lib/reports/time-zone";
import { parseEventId } from "@/lib/validation/event-id";
import { duplicateEvent } from "./duplicate-event.action";
import { featureEvent } from "./feature-event.action";
import { updateEvent } from "./update-event.action";

const DONE: Record<string, string> = {
  created: "Event created. Share its link or QR code; it goes live when you press Go live.",
  saved: "Changes saved.",
  live: "The event is live. Open pages switch to the stream.",
  ended: "The event has ended. Its chat is read-only and Q&A is closed.",
  featured: "This event is now on the home page: /, /watch, /mod, /speaker and /reports serve it.",
  duplicated: "This is the copy: check its link name and times, then save.",
};

const number = new Intl.NumberFormat("en-GB");

/** Read once per request (the title and the page both need it). */
const loadEvent = cache(async (id: string) => {
  const eventId = parseEventId(id);
  return eventId ? findManagedEvent(eventId) : null;
});

export async function generateMetadata({ params }: PageProps<"/events/[id]">) {
  const event = await loadEvent((await params).id);
  return { title: event ? `${event.title} · Events` : "Events" };
}

export default async function EventPage({ params, searchParams }: PageProps<"/events/[id]">) {
  const user = await requireRole("/events");
  const event = await loadEvent((await params).id);
  if (!event) notFound();
  const [timeZone, origin, watchingNow, query] = await Promise.all([getViewerTimeZone(), requestOrigin(), countWatchingNow(event.id), searchParams]);
  // The /e/<slug> link, even for the featured event: a QR code on a slide must keep working after another event is featured.
  const attendeeUrl = `${origin}${eventPath({ slug: event.slug })}`;
  const initial = {
    title: event.title,
    slug: event.slug,
    description: event.description,
    streamUrl: event.streamUrl,
    startsAt: toLocalDateTime(event.startsAt, timeZone),
    endsAt: event.endsAt ? toLocalDateTime(event.endsAt, timeZone) : "",
    isChatOn: event.isChatOn ? "on" : "",
    isQaOn: event.isQaOn ? "on" : "",
  };
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;
  const areas = [
    { label: "Attendee page", href: eventPath(event, "/watch") },
    { label: "Moderate", href: eventPath(event, "/mod") },
    { label: "Speaker view", href: eventPath(event, "/speaker") },
    { label: "Reports", href: eventPath(event, "/reports") },
  ];

  return (
    <>
      <SiteHeader user={user} current="/events" />
      <TimeZoneSync current={timeZone} cookieName={TIME_ZONE_COOKIE} />
      <main className={`${shell.main} ${shell.wide}`}>
        <p className={styles.back}>
          <Link href="/events">← All events</Link>
        </p>
        <div className={styles.eventTitle}>
          <h1 className={shell.title}>{event.title}</h1>
          <StateBadge state={event.state} />
          {event.isFeatured && <FeaturedBadge />}
        </div>
        {done && <Notice tone="success">{done}</Notice>}

        <div className={styles.layout}>
          <div className={styles.column}>
            <section className={styles.panel} aria-labelledby="run-title">
              <h2 id="run-title" className={styles.panelTitle}>
                Run the event
              </h2>
              <dl className={styles.facts}>
                <div className={styles.fact}>
                  <dt className={styles.factLabel}>Starts</dt>
                  <dd className={styles.factValue}>
                    <time dateTime={event.startsAt.toISOString()}>{formatDateTime(event.startsAt.toISOString(), timeZone)}</time>
                  </dd>
                </div>
                <div className={styles.fact}>
                  <dt className={styles.factLabel}>Registered</dt>
                  <dd className={styles.factValue} data-testid="event-registrations">
                    {number.format(event.registrations)}
                  </dd>
                </div>
                <div className={styles.fact}>
                  <dt className={styles.factLabel}>Watching now</dt>
                  <dd className={styles.factValue} data-testid="event-watching">
                    {number.format(watchingNow)}
                  </dd>
                </div>
              </dl>
              <div className={styles.controls}>
                <EventStateButton event={event} from="event" />
                {!event.isFeatured && <EventActionButton action={featureEvent} eventId={event.id} label="Feature on the home page" pendingLabel="Featuring…" />}
                <EventActionButton action={duplicateEvent} eventId={event.id} label="Duplicate" pendingLabel="Duplicating…" />
                <ArchiveEventButton event={event} />
              </div>
              <p className={styles.panelText}>
                {event.isFeatured
                  ? "On the home page: /, /watch, /mod, /speaker and /reports serve this event. Featuring another event takes its place."
                  : "Feature it to serve it at the home page (/) and /watch, /mod, /speaker and /reports, in place of the event there now."}
              </p>
              <ul className={styles.areaLinks} aria-label="This event's pages">
                {areas.map((area) => (
                  <li key={area.label}>
                    {/* Plain links: another event's pages need a full page load (their own Content-Security-Policy). */}
                    <a href={area.href}>{area.label}</a>
                  </li>
                ))}
              </ul>
            </section>

            <section className={styles.panel} aria-labelledby="details-title">
              <h2 id="details-title" className={styles.panelTitle}>
                Details
              </h2>
              {/* Keyed by what it shows: a save (or the browser's zone arriving) starts it afresh, without the last attempt's errors. */}
              <EventForm
                key={`${timeZone}:${event.registrations > 0}:${JSON.stringify(initial)}`}
                action={updateEvent}
                eventId={event.id}
                initial={initial}
                timeZone={timeZone}
                zoneLabel={describeTimeZone(timeZone)}
                linkPrefix={`${origin}/e/`}
                registrations={event.registrations}
                submitLabel="Save changes"
                cancelHref="/events"
              />
            </section>
          </div>

          <section className={`${styles.panel} ${styles.share}`} aria-labelledby="share-title">
            <h2 id="share-title" className={styles.panelTitle}>
              Attendee link
            </h2>
            <p className={styles.panelText}>Where people register and watch. Put it in the invitation, or the QR code on a slide or the room screen.</p>
            <EventLink url={attendeeUrl} />
            <EventQrCode url={attendeeUrl} slug={event.slug} />
          </section>
        </div>
      </main>
    </>
  );
}
