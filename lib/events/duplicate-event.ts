import { db } from "../db";
import { MAX_SLUG_LENGTH } from "./event-slug";
import type { EventRecord } from "./find-event";
import { isUniqueViolation } from "../unique-violation";

const MAX_TITLE_LENGTH = 200;
const COPY = " (copy)";

export type DuplicateEventResult = { outcome: "duplicated"; record: EventRecord } | { outcome: "not-found" };

/** "talk" → "talk-copy", then "talk-copy-2", … : the first that no event (archived ones included) holds. */
async function freeSlug(slug: string): Promise<string> {
  const base = `${slug.slice(0, MAX_SLUG_LENGTH - "-copy-999".length).replace(/-+$/, "")}-copy`;
  const taken = new Set((await db.event.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((event) => event.slug));
  for (let number = 1; ; number++) {
    const candidate = number === 1 ? base : `${base}-${number}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * A new event like `eventId`: its title (with " (copy)"), description, stream URL, schedule and
 * chat and Q&A switches, under a free slug. It starts scheduled and unfeatured, with nobody registered.
 */
export async function duplicateEvent(eventId: number, attempts = 10): Promise<DuplicateEventResult> {
  const source = await db.event.findFirst({ where: { id: eventId, archivedAt: null } });
  if (!source) return { outcome: "not-found" };
  const title = source.title.length + COPY.length > MAX_TITLE_LENGTH ? `${source.title.slice(0, MAX_TITLE_LENGTH - COPY.length)}${COPY}` : `${source.title}${COPY}`;
  try {
    const record = await db.event.create({
      data: {
        slug: await freeSlug(source.slug),
        title,
        description: source.description,
        streamUrl: source.streamUrl,
        startsAt: source.startsAt,
        endsAt: source.endsAt,
        isChatOn: source.isChatOn,
        isQaOn: source.isQaOn,
        state: "scheduled",
        isFeatured: null,
      },
    });
    return { outcome: "duplicated", record };
  } catch (error) {
    // Someone took the same free slug a moment ago: look again (each retry sees one more taken).
    if (isUniqueViolation(error) && attempts > 1) return duplicateEvent(eventId, attempts - 1);
    throw error;
  }
}
