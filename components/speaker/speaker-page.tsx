import type { CurrentUser } from "@/lib/auth";
import { toEventInfo, type EventRecord } from "@/lib/events/find-event";
import { SpeakerBoard } from "./speaker-board";

/** /speaker (the featured event) and /e/<slug>/speaker. No site header: the speaker's tablet shows the questions and nothing else. */
export function SpeakerPage({ user, event }: { user: CurrentUser; event: EventRecord }) {
  return (
    <main>
      <SpeakerBoard event={toEventInfo(event)} speakerName={user.name} />
    </main>
  );
}
