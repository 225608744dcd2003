import { StaffPage } from "@/components/layout/staff-page";
import type { CurrentUser } from "@/lib/auth";
import { toEventInfo, type EventRecord } from "@/lib/events/find-event";
import { ModDashboard } from "./mod-dashboard";

/** /mod (the featured event) and /e/<slug>/mod: one event's dashboard. Roles are checked by the route. */
export function ModeratorPage({ user, event }: { user: CurrentUser; event: EventRecord }) {
  return (
    <StaffPage user={user} route="/mod" event={event} title="Moderator dashboard" lead="Approve questions for the speaker, and keep the chat friendly." wide>
      <ModDashboard event={toEventInfo(event)} />
    </StaffPage>
  );
}
