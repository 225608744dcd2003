import { SpeakerBoard } from "@/components/speaker/speaker-board";
import { requireRole } from "@/lib/auth";
import { toEventInfo } from "@/lib/events/find-event";
import { requireFeaturedEvent } from "@/lib/events/page-event";

export const metadata = { title: "Speaker" };

// No site header: the speaker's tablet shows the questions and nothing else.
export default async function SpeakerPage() {
  const user = await requireRole("/speaker");
  const event = toEventInfo(await requireFeaturedEvent());
  return (
    <main>
      <SpeakerBoard event={event} speakerName={user.name} />
    </main>
  );
}
