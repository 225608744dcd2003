import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase } from "@/lib/db";
import { cachedEventCount, findEventById, findEventBySlug, forgetEvents, MAX_ENTRIES, peekEvent, remember } from "@/lib/events/find-event";
import { createTestEvent } from "../events";

// The in-memory cache of events (lib/events/find-event.ts) against the real
// database: a change made while a read is under way is not undone by that
// read, and paths naming events that do not exist cannot grow it without end.

describe("the event cache", () => {
  afterAll(async () => {
    forgetEvents();
    await closeDatabase();
  });

  it("keeps an organiser's change made while an older read of the event was still under way", async () => {
    const event = await createTestEvent({ state: "scheduled" });
    forgetEvents();
    // The read starts, with the row as it is now (scheduled)…
    const reading = findEventById(event.id);
    // …and before it returns, the organiser's Go live is remembered (lib/realtime/event-updates.ts).
    remember({ ...event, state: "live" });
    expect((await reading)?.state).toBe("scheduled");
    // The read that began before the change does not undo it.
    expect(peekEvent(`id:${event.id}`)?.state).toBe("live");
    expect((await findEventById(event.id))?.state).toBe("live");
    expect((await findEventBySlug(event.slug))?.state).toBe("live");
  });

  it("holds at most MAX_ENTRIES, however many unknown slugs are asked for", async () => {
    forgetEvents();
    const event = await createTestEvent();
    const tag = randomBytes(3).toString("hex");
    for (let start = 0; start < MAX_ENTRIES + 200; start += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, index) => findEventBySlug(`no-such-event-${tag}-${start + index}`)));
    }
    expect(cachedEventCount()).toBeLessThanOrEqual(MAX_ENTRIES);
    // A real event is still found after the flood.
    expect((await findEventBySlug(event.slug))?.id).toBe(event.id);
  });
});
