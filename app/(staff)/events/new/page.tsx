import { EventForm } from "@/components/events/event-form";
import { StaffPage } from "@/components/layout/staff-page";
import shell from "@/components/layout/page-shell.module.css";
import styles from "@/components/events/events.module.css";
import { TimeZoneSync } from "@/components/reports/time-zone-sync";
import { requireRole } from "@/lib/auth";
import { requestOrigin } from "@/lib/http/request-origin";
import { describeTimeZone, getViewerTimeZone, TIME_ZONE_COOKIE } from "@/lib/reports/time-zone";
import { createEvent } from "./create-event.action";

export const metadata = { title: "New event · Events" };

export default async function NewEventPage() {
  const user = await requireRole("/events");
  const [timeZone, origin] = await Promise.all([getViewerTimeZone(), requestOrigin()]);
  return (
    <StaffPage user={user} route="/events" title="New event" lead="It starts as scheduled: attendees can register at its link at once, and it goes live when you press Go live.">
      <TimeZoneSync current={timeZone} cookieName={TIME_ZONE_COOKIE} />
      <section className={`${shell.panel} ${styles.formPanel}`} aria-label="Event details">
        {/* Keyed by zone: when the browser's zone arrives, the times are shown in it. */}
        <EventForm
          key={timeZone}
          action={createEvent}
          initial={{ isChatOn: "on", isQaOn: "on" }}
          timeZone={timeZone}
          zoneLabel={describeTimeZone(timeZone)}
          linkPrefix={`${origin}/e/`}
          submitLabel="Create event"
          cancelHref="/events"
        />
      </section>
    </StaffPage>
  );
}
