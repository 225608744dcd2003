import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { RegisterForm } from "@/components/auth/register-form";
import { Notice } from "@/components/ui/notice";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { StateBadge } from "./state-badge";
import { getCurrentUser } from "@/lib/auth";
import { eventPath } from "@/lib/events/event-paths";
import type { EventRecord } from "@/lib/events/find-event";
import { hasRegistration } from "@/lib/events/page-event";
import { JoinEventForm } from "./join-event-form";
import styles from "./event-registration-page.module.css";

const REASONS = new Map<unknown, { tone: "info" | "success"; text: string }>([
  ["signin", { tone: "info", text: "Register or sign back in to watch the event." }],
  ["register", { tone: "info", text: "You are not registered for this event yet. Join it to watch." }],
  ["signed-out", { tone: "success", text: "You have signed out." }],
]);

const DEFAULT_LEAD = "Watch the talk, chat with other attendees and ask the speaker your questions.";

/**
 * / (the featured event) and /e/<slug>: registration for one event. A new
 * visitor gets the form; a person signed in but not registered for this event
 * gets "Join this event"; anyone who may already watch goes straight there.
 */
export async function EventRegistrationPage({ event, reason }: { event: EventRecord; reason: unknown }) {
  const user = await getCurrentUser();
  if (user && (await hasRegistration(user, event))) redirect(eventPath(event, "/watch"));
  const notice = REASONS.get(reason);

  return (
    <AuthCard
      title={event.title}
      lead={event.description || DEFAULT_LEAD}
      footer={
        <>
          Moderator, speaker or organiser? <Link href="/staff">Staff sign-in</Link>
        </>
      }
    >
      <p className={styles.when}>
        <StateBadge isForAttendees state={event.state} />
        {event.state === "ended" ? (
          <span>This event has ended; its chat stays readable.</span>
        ) : (
          <span>
            {event.state === "live" ? "Started" : "Starts"} <LocalDateTime iso={event.startsAt.toISOString()} className={styles.time} />
          </span>
        )}
      </p>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {user ? <JoinEventForm eventSlug={event.slug} name={user.name} /> : <RegisterForm eventSlug={event.slug} />}
    </AuthCard>
  );
}
