import { StaffPage } from "@/components/layout/staff-page";
import { ModDashboard } from "@/components/moderation/mod-dashboard";
import { requireRole } from "@/lib/auth";
import { toEventInfo } from "@/lib/events/find-event";
import { requireFeaturedEvent } from "@/lib/events/page-event";

export const metadata = { title: "Moderate" };

export default async function ModeratorPage() {
  const user = await requireRole("/mod");
  const event = toEventInfo(await requireFeaturedEvent());
  return (
    <StaffPage user={user} route="/mod" title="Moderator dashboard" lead="Approve questions for the speaker, and keep the chat friendly." wide>
      <ModDashboard event={event} />
    </StaffPage>
  );
}
