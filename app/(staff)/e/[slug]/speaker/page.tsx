import { SpeakerPage } from "@/components/speaker/speaker-page";
import { requireRole } from "@/lib/auth";
import { requireEvent } from "@/lib/events/page-event";

export const metadata = { title: "Speaker" };

export default async function EventSpeakerPage({ params }: PageProps<"/e/[slug]/speaker">) {
  const { slug } = await params;
  const user = await requireRole("/speaker", `/e/${encodeURIComponent(slug)}/speaker`);
  return <SpeakerPage user={user} event={await requireEvent(slug)} />;
}
