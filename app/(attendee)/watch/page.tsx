import { WatchPage } from "@/components/watch/watch-page";
import { requireFeaturedEvent } from "@/lib/events/page-event";

export const metadata = { title: "Watch" };

export default async function FeaturedWatchPage() {
  return <WatchPage event={await requireFeaturedEvent()} />;
}
