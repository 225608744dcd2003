import type { EventInfo } from "./event-rules";

// Where an event's pages live. Every event has /e/<slug>/…; the featured one is
// also served at the seed's routes (/, /watch, /mod, /speaker, /reports), and its
// own links keep using those, exactly as before events existed.

export type EventArea = "" | "/watch" | "/mod" | "/speaker" | "/reports";

export function eventPath(event: Pick<EventInfo, "slug"> & { isFeatured?: boolean | null }, area: EventArea = ""): string {
  if (event.isFeatured) return area || "/";
  return `/e/${event.slug}${area}`;
}

/** The slug an /e/<slug>/… path names, or null for any other path. */
export function slugOfPath(pathname: string): string | null {
  const match = /^\/e\/([^/?#]+)/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
