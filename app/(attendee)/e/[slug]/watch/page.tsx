import type { Metadata } from "next";
import { WatchPage } from "@/components/watch/watch-page";
import { requireEvent } from "@/lib/events/page-event";

export async function generateMetadata({ params }: PageProps<"/e/[slug]/watch">): Promise<Metadata> {
  return { title: `Watch · ${(await requireEvent((await params).slug)).title}` };
}

export default async function EventWatchPage({ params }: PageProps<"/e/[slug]/watch">) {
  return <WatchPage event={await requireEvent((await params).slug)} />;
}
