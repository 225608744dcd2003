import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { Notice } from "@/components/ui/notice";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { StateBadge } from "./state-badge";
import { eventPath } from "@/lib/events/event-paths";
import { listOpenEvents } from "@/lib/events/list-open-events";
import { noteDatabaseFailure } from "@/lib/health/database-health";
import styles from "./event-list.module.css";

/** The home page when no event is featured: what is live or coming up, each to its own page. */
export async function EventList({ reason }: { reason: unknown }) {
  const events = await listOpenEvents().catch((error: unknown) => {
    throw noteDatabaseFailure(error);
  });
  return (
    <AuthCard
      title="Events"
      lead="Pick an event to register for it, or to get back in with the email you registered with."
      footer={
        <>
          Moderator, speaker or organiser? <Link href="/staff">Staff sign-in</Link>
        </>
      }
    >
      {reason === "signed-out" && <Notice tone="success">You have signed out.</Notice>}
      {events.length === 0 ? (
        <p className={styles.empty} data-testid="no-events">
          No events are live or coming up right now. When the organisers announce the next one, its link will work here.
        </p>
      ) : (
        <ul className={styles.list} aria-label="Live and upcoming events" data-testid="event-list">
          {events.map((event) => (
            <li key={event.id} className={styles.item}>
              {/* A plain link: each event's page has its own stream in its Content-Security-Policy. */}
              <a href={eventPath({ slug: event.slug }, "")} className={styles.link}>
                <span className={styles.title}>{event.title}</span>
                <span className={styles.meta}>
                  <StateBadge state={event.state} isForAttendees />
                  <LocalDateTime iso={event.startsAt.toISOString()} />
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </AuthCard>
  );
}
