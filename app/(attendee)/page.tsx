import { EventList } from "@/components/events/event-list";
import { EventRegistrationPage } from "@/components/events/event-registration-page";
import { findFeaturedEvent } from "@/lib/events/find-event";
import { noteDatabaseFailure } from "@/lib/health/database-health";

export const metadata = { title: "Join the event" };

/** Registration for the featured event, as before events existed; with none featured, the events to choose from. */
export default async function HomePage({ searchParams }: PageProps<"/">) {
  const { reason } = await searchParams;
  const event = await findFeaturedEvent().catch((error: unknown) => {
    throw noteDatabaseFailure(error);
  });
  if (!event) return <EventList reason={reason} />;
  return <EventRegistrationPage event={event} reason={reason} />;
}
