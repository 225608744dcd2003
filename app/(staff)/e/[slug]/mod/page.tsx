import { ModeratorPage } from "@/components/moderation/moderator-page";
import { requireRole } from "@/lib/auth";
import { requireEvent } from "@/lib/events/page-event";

export const metadata = { title: "Moderate" };

export default async function EventModeratorPage({ params }: PageProps<"/e/[slug]/mod">) {
  const { slug } = await params;
  const user = await requireRole("/mod", `/e/${encodeURIComponent(slug)}/mod`);
  return <ModeratorPage user={user} event={await requireEvent(slug)} />;
}
