import type { Metadata } from "next";
import { EventRegistrationPage } from "@/components/events/event-registration-page";
import { requireEvent } from "@/lib/events/page-event";

export async function generateMetadata({ params }: PageProps<"/e/[slug]">): Promise<Metadata> {
  return { title: (await requireEvent((await params).slug)).title };
}

export default async function EventPage({ params, searchParams }: PageProps<"/e/[slug]">) {
  const [{ slug }, { reason }] = await Promise.all([params, searchParams]);
  return <EventRegistrationPage event={await requireEvent(slug)} reason={reason} />;
}
