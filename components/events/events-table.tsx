import Link from "next/link";
import { eventPath } from "@/lib/events/event-paths";
import type { ListedEvent } from "@/lib/events/list-events";
import { formatDateTime } from "@/lib/reports/time-zone";
import { EventLink } from "./event-link";
import { EventStateButton } from "./event-state-button";
import { FeaturedBadge, StateBadge } from "./state-badge";
import styles from "./events.module.css";

const number = new Intl.NumberFormat("en-GB");

export type EventRow = ListedEvent & { watchingNow: number };

/** Every event that is not archived, one row each; on a phone each row becomes a card. */
export function EventsTable({ events, timeZone, origin }: { events: EventRow[]; timeZone: string; origin: string }) {
  if (events.length === 0) {
    return (
      <p className={styles.empty}>
        No events yet. <Link href="/events/new">Create the first one</Link>: it gets its own link, stream, chat, Q&amp;A and reports.
      </p>
    );
  }
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className="visually-hidden">Events</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">State</th>
            <th scope="col">Starts</th>
            <th scope="col" className={styles.numeric}>
              Registered
            </th>
            <th scope="col" className={styles.numeric}>
              Watching now
            </th>
            <th scope="col">Attendee link</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} data-testid="event-row" data-slug={event.slug}>
              <th scope="row" className={styles.titleCell}>
                <Link href={`/events/${event.id}`} className={styles.title}>
                  {event.title}
                </Link>
                {event.isFeatured && <FeaturedBadge />}
              </th>
              <td data-label="State">
                <StateBadge state={event.state} />
              </td>
              <td data-label="Starts">
                <time dateTime={event.startsAt.toISOString()}>{formatDateTime(event.startsAt.toISOString(), timeZone)}</time>
              </td>
              <td data-label="Registered" className={styles.numeric} data-testid="event-registrations">
                {number.format(event.registrations)}
              </td>
              <td data-label="Watching now" className={styles.numeric} data-testid="event-watching">
                {number.format(event.watchingNow)}
              </td>
              <td data-label="Attendee link" className={styles.linkCell}>
                <EventLink url={`${origin}${eventPath({ slug: event.slug })}`} compact />
              </td>
              <td className={styles.actionsCell}>
                <div className={styles.rowActions}>
                  <EventStateButton event={event} from="list" />
                  <Link href={`/events/${event.id}`} className={styles.manage} aria-label={`Manage ${event.title}`}>
                    Manage
                  </Link>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
