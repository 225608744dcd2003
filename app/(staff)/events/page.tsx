import Link from "next/link";
import { EventsTable } from "@/components/events/events-table";
import { SiteHeader } from "@/components/layout/site-header";
import shell from "@/components/layout/page-shell.module.css";
import styles from "@/components/events/events.module.css";
import { TimeZoneSync } from "@/components/reports/time-zone-sync";
import buttonStyles from "@/components/ui/button.module.css";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth";
import { listEvents } from "@/lib/events/list-events";
import { requestOrigin } from "@/lib/http/request-origin";
import { countWatchingNow } from "@/lib/realtime/presence";
import { describeTimeZone, getViewerTimeZone, TIME_ZONE_COOKIE } from "@/lib/reports/time-zone";
import { parseEventId } from "@/lib/validation/event-id";

export const metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: PageProps<"/events">) {
  const user = await requireRole("/events");
  const [listed, timeZone, origin, params] = await Promise.all([listEvents(), getViewerTimeZone(), requestOrigin(), searchParams]);
  const events = await Promise.all(listed.map(async (event) => ({ ...event, watchingNow: await countWatchingNow(event.id) })));
  const changed = events.find((event) => event.id === parseEventId(params.event));
  const notice =
    params.done === "archived" ? "Event archived. It has left every list; its registrations, chat, questions and reports are kept."
    : params.done === "live" && changed ? `“${changed.title}” is live. Open pages switch to the stream.`
    : params.done === "ended" && changed ? `“${changed.title}” has ended. Its chat is read-only and Q&A is closed.`
    : null;
  return (
    <>
      <SiteHeader user={user} current="/events" />
      <TimeZoneSync current={timeZone} cookieName={TIME_ZONE_COOKIE} />
      <main className={`${shell.main} ${shell.wide}`}>
        <div className={styles.heading}>
          <div className={styles.headingText}>
            <h1 className={shell.title}>Events</h1>
            <p className={shell.lead}>Each event has its own link, stream, chat, Q&amp;A and reports. Go live and End event are up to you: the clock never changes an event’s state.</p>
            <p className={styles.zone}>Times in {describeTimeZone(timeZone)}.</p>
          </div>
          <Link href="/events/new" className={buttonStyles.button}>
            New event
          </Link>
        </div>
        {notice && <Notice tone="success">{notice}</Notice>}
        <EventsTable events={events} timeZone={timeZone} origin={origin} />
      </main>
    </>
  );
}
