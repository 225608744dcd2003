import { SpeakerPage } from "@/components/speaker/speaker-page";
import { requireRole } from "@/lib/auth";
import { requireFeaturedEvent } from "@/lib/events/page-event";

export const metadata = { title: "Speaker" };

export default async function FeaturedSpeakerPage() {
  const user = await requireRole("/speaker");
  return <SpeakerPage user={user} event={await requireFeaturedEvent()} />;
}
