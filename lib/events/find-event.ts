import { db } from "../db";
import { env } from "../env";
import type { Event } from "../generated/prisma/client";
import type { EventInfo } from "./event-rules";

// Events are read on every handshake, socket event and page request, and
// change a few times a day, so they are kept in memory: each entry is read
// again after FRESH_MS, and a change made here (lib/events/change-event.ts)
// or in another process (the `event:update` server-side message) replaces it
// at once. While the database is away a known event is served from memory,
// so an outage signs nobody out of the room and the pages keep their stream.

export type EventRecord = Event;

const FRESH_MS = 10_000;

type Entry = { record: EventRecord | null; loadedAt: number };
type EventCache = { bySlug: Map<string, Entry>; featured: Entry | null; loading: Map<string, Promise<EventRecord | null>> };

// On globalThis: server.ts and the code Next bundles are two module graphs in one process.
const globalForEvents = globalThis as unknown as { podiumEvents?: EventCache };
const cache = (globalForEvents.podiumEvents ??= { bySlug: new Map(), featured: null, loading: new Map() });

const FEATURED = "\0featured";

async function cached(key: string, entry: Entry | null | undefined, load: () => Promise<EventRecord | null>): Promise<EventRecord | null> {
  if (entry && Date.now() - entry.loadedAt < FRESH_MS) return entry.record;
  let loading = cache.loading.get(key);
  if (!loading) {
    loading = load()
      .then((record) => {
        if (record) remember(record);
        if (key === FEATURED) cache.featured = { record, loadedAt: Date.now() };
        else cache.bySlug.set(key, { record, loadedAt: Date.now() });
        return record;
      })
      .finally(() => cache.loading.delete(key));
    cache.loading.set(key, loading);
  }
  try {
    return await loading;
  } catch (error) {
    // Known before the database went away: still the best answer there is.
    if (entry) return entry.record;
    throw error;
  }
}

/** The event at /e/<slug>, archived or not, or null. */
export function findEventBySlug(slug: string): Promise<EventRecord | null> {
  return cached(slug, cache.bySlug.get(slug), () => db.event.findUnique({ where: { slug } }));
}

/** The event the seed's routes serve, or null when none is featured. */
export function findFeaturedEvent(): Promise<EventRecord | null> {
  return cached(FEATURED, cache.featured, () => db.event.findFirst({ where: { isFeatured: true, archivedAt: null } }));
}

/** The event a socket handshake names (`auth.event`), or the featured one when it names none. Archived events are not found. */
export async function findLiveRoomEvent(slug: string | undefined): Promise<EventRecord | null> {
  const event = slug === undefined ? await findFeaturedEvent() : await findEventBySlug(slug);
  return event && !event.archivedAt ? event : null;
}

/** An event as it is now in memory, if this process has read it (socket handlers check the state without a query). */
export function peekEvent(slug: string): EventRecord | null {
  return cache.bySlug.get(slug)?.record ?? null;
}

/** After a change (here or in another process): the new record replaces the old at once. */
export function remember(record: EventRecord) {
  cache.bySlug.set(record.slug, { record, loadedAt: Date.now() });
  // A changed slug or featured flag: whatever was cached under the old ones is read again.
  for (const [slug, entry] of cache.bySlug) if (slug !== record.slug && entry.record?.id === record.id) cache.bySlug.delete(slug);
  if (cache.featured && (cache.featured.record?.id === record.id || record.isFeatured)) cache.featured = null;
}

/** Forgets every event (tests). */
export function forgetEvents() {
  cache.bySlug.clear();
  cache.featured = null;
}

export function toEventInfo(record: EventRecord): EventInfo {
  return {
    id: record.id,
    slug: record.slug,
    title: record.title,
    description: record.description,
    streamUrl: record.streamUrl || env.STREAM_URL,
    startsAt: record.startsAt.toISOString(),
    endsAt: record.endsAt?.toISOString() ?? null,
    state: record.state,
    isChatOn: record.isChatOn,
    isQaOn: record.isQaOn,
  };
}
