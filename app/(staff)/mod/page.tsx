import { ModeratorPage } from "@/components/moderation/moderator-page";
import { requireRole } from "@/lib/auth";
import { requireFeaturedEvent } from "@/lib/events/page-event";

export const metadata = { title: "Moderate" };

export default async function FeaturedModeratorPage() {
  const user = await requireRole("/mod");
  return <ModeratorPage user={user} event={await requireFeaturedEvent()} />;
}
