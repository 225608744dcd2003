import { SpeakerBoard } from "@/components/speaker/speaker-board";
import { requireRole } from "@/lib/auth";

export const metadata = { title: "Speaker" };

// No site header: the speaker's tablet shows the questions and nothing else.
export default async function SpeakerPage() {
  const user = await requireRole("/speaker");
  return (
    <main>
      <SpeakerBoard speakerName={user.name} />
    </main>
  );
}
