import { env } from "../env";
import { isDatabaseDown } from "../health/database-health";
import { slugOfPath } from "./event-paths";
import { findEventBySlug, findFeaturedEvent, peekEvent } from "./find-event";

// The Content-Security-Policy is set before Next runs (lib/http/guard-request.ts),
// and its frame-src must allow the stream of the event the page is about:
// /e/<slug>/… names it, every other page is the featured event's. A page
// moving to another event's pages by client-side navigation would keep this
// policy, so links between events are plain <a> (a full page load).

const NOT_PAGES = /^\/(?:_next|socket\.io|healthz|favicon)/;

/** The stream URL of the event a request's page shows; STREAM_URL when it shows none or its event cannot be read now. */
export async function streamUrlForPath(url: string): Promise<string> {
  const path = url.split("?")[0];
  if (NOT_PAGES.test(path)) return env.STREAM_URL;
  const slug = slugOfPath(path);
  try {
    // While the database is away, what is known serves; nothing waits for the pool's timeout.
    const event = isDatabaseDown() ? peekEvent(slug ? `slug:${slug}` : "featured") : slug ? await findEventBySlug(slug) : await findFeaturedEvent();
    return event?.streamUrl || env.STREAM_URL;
  } catch {
    return env.STREAM_URL;
  }
}
