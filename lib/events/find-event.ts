import { db } from "../db";
import { env } from "../env";
import type { Event } from "../generated/prisma/client";
import type { EventInfo } from "./event-rules";
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from "./event-slug";

// Events are read on every handshake, socket event and page request, and
// change a few times a day, so they are kept in memory: an entry older than
// FRESH_MS is read again in the background (the caller gets what is known),
// and a change made here (lib/realtime/event-updates.ts) or in another process
// (the `event:update` server-side message) replaces or drops it at once.
// While the database is away a known event is served from memory, so an
// outage signs nobody out of the room and the pages keep their stream.

export type EventRecord = Event;

const FRESH_MS = 10_000;
/**
 * Every well-formed slug in a request path is looked up, so anyone can make
 * entries (most of them "no such event"): past this many, stale ones go, then the oldest.
 */
export const MAX_ENTRIES = 1_000;

type Entry = { record: EventRecord | null; loadedAt: number };
/**
 * Keyed "slug:<slug>", "id:<id>" and "featured". `changes` counts remember() and
 * forgetEvent(): a read that was already under way when an event changed may
 * hold the old row, so it is not kept.
 */
type EventCache = { entries: Map<string, Entry>; loading: Map<string, Promise<EventRecord | null>>; changes: number };

// On globalThis: server.ts and the code Next bundles are two module graphs in one process.
const globalForEvents = globalThis as unknown as { podiumEvents?: EventCache };
const cache = (globalForEvents.podiumEvents ??= { entries: new Map(), loading: new Map(), changes: 0 });

const FEATURED = "featured";

function keep(key: string, entry: Entry) {
  cache.entries.delete(key);
  cache.entries.set(key, entry);
  if (cache.entries.size <= MAX_ENTRIES) return;
  const now = Date.now();
  for (const [staleKey, { loadedAt }] of cache.entries) if (now - loadedAt >= FRESH_MS) cache.entries.delete(staleKey);
  // Still too many fresh ones: the oldest go first (a Map iterates in the order keys were set).
  for (const oldestKey of cache.entries.keys()) {
    if (cache.entries.size <= MAX_ENTRIES) break;
    cache.entries.delete(oldestKey);
  }
}

async function cached(key: string, load: () => Promise<EventRecord | null>): Promise<EventRecord | null> {
  const entry = cache.entries.get(key);
  if (entry && Date.now() - entry.loadedAt < FRESH_MS) return entry.record;
  let loading = cache.loading.get(key);
  if (!loading) {
    const changesBefore = cache.changes;
    loading = load()
      .then((record) => {
        if (cache.changes !== changesBefore) return record;
        const loadedAt = Date.now();
        if (record) store(record, loadedAt);
        keep(key, { record, loadedAt });
        return record;
      })
      .finally(() => cache.loading.delete(key));
    cache.loading.set(key, loading);
  }
  if (!entry) return loading;
  // Known, but not read for a while: the answer is what is known, at once, and the read refreshes it for
  // the next caller. Nobody waits on the database for an event they already had (a chat message during
  // an outage would wait for the pool's timeout twice), and a failed read keeps the known answer.
  loading.catch(() => undefined);
  return entry.record;
}

/**
 * The event at /e/<slug>, archived or not, or null. Only a well-formed slug is looked up: the column's
 * collation ignores case and trailing spaces, and "FIRST-EVENT" must not be another name for first-event.
 */
export async function findEventBySlug(slug: string): Promise<EventRecord | null> {
  if (slug.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(slug)) return null;
  return cached(`slug:${slug}`, () => db.event.findUnique({ where: { slug } }));
}

export function findEventById(id: number): Promise<EventRecord | null> {
  return cached(`id:${id}`, () => db.event.findUnique({ where: { id } }));
}

/** The event the seed's routes serve, or null when none is featured. */
export function findFeaturedEvent(): Promise<EventRecord | null> {
  return cached(FEATURED, () => db.event.findFirst({ where: { isFeatured: true, archivedAt: null } }));
}

/** The event a socket handshake names (`auth.event`), or the featured one when it names none. Archived events are not found. */
export async function findLiveRoomEvent(slug: string | undefined): Promise<EventRecord | null> {
  const event = slug === undefined ? await findFeaturedEvent() : await findEventBySlug(slug);
  return event && !event.archivedAt ? event : null;
}

/** What this process already knows of an event (by "slug:<slug>", "id:<id>" or "featured"), without asking the database. */
export function peekEvent(key: `slug:${string}` | `id:${number}` | "featured"): EventRecord | null {
  return cache.entries.get(key)?.record ?? null;
}

/** After a change made in this process: the new record replaces the old at once. */
export function remember(record: EventRecord) {
  forgetEvent(record.id);
  store(record, Date.now());
}

function store(record: EventRecord, loadedAt: number) {
  const entry = { record, loadedAt };
  keep(`slug:${record.slug}`, entry);
  keep(`id:${record.id}`, entry);
}

/** After a change made in another process (or a changed slug or featured flag): whatever was known of it is read again. */
export function forgetEvent(id: number) {
  cache.changes++;
  for (const [key, entry] of cache.entries) if (key === FEATURED || entry.record?.id === id) cache.entries.delete(key);
}

/** Forgets every event (tests). */
export function forgetEvents() {
  cache.changes++;
  cache.entries.clear();
}

/** How many entries the cache holds (tests). */
export function cachedEventCount() {
  return cache.entries.size;
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
