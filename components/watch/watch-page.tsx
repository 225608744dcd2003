import { SiteHeader } from "@/components/layout/site-header";
import { requireAttendee } from "@/lib/events/page-event";
import { toEventInfo, type EventRecord } from "@/lib/events/find-event";
import { WatchRoom } from "./watch-room";

/** /watch (the featured event) and /e/<slug>/watch: the same page, given its event. */
export async function WatchPage({ event }: { event: EventRecord }) {
  const user = await requireAttendee(event);
  return (
    <>
      <SiteHeader user={user} current="/watch" event={event} />
      <WatchRoom event={toEventInfo(event)} viewerName={user.name} />
    </>
  );
}
