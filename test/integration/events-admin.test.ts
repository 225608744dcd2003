import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/lib/db";
import { archiveEvent } from "@/lib/events/archive-event";
import { changeEventState } from "@/lib/events/change-event-state";
import { createEvent } from "@/lib/events/create-event";
import { duplicateEvent } from "@/lib/events/duplicate-event";
import { featureEvent } from "@/lib/events/feature-event";
import { findManagedEvent } from "@/lib/events/find-managed-event";
import { listEvents } from "@/lib/events/list-events";
import { listOpenEvents } from "@/lib/events/list-open-events";
import { updateEvent } from "@/lib/events/update-event";
import type { EventFields } from "@/lib/validation/event-form";

// The organiser's data functions (/events) against the real database: the rules
// the database itself must hold (one featured event, unique slugs) and the ones
// the functions add (state only moves forward, the slug locks once someone registered).

const tag = () => randomBytes(4).toString("hex");

function fields(overrides: Partial<EventFields> = {}): EventFields {
  return {
    title: "Spring keynote",
    slug: `spring-keynote-${tag()}`,
    description: "The opening talk.",
    streamUrl: "https://stream.example.com/embed/1",
    startsAt: new Date("2027-03-14T18:30:00Z"),
    endsAt: new Date("2027-03-14T20:00:00Z"),
    isChatOn: true,
    isQaOn: false,
    ...overrides,
  };
}

async function newEvent(overrides: Partial<EventFields> = {}) {
  const result = await createEvent(fields(overrides));
  if (result.outcome !== "created") throw new Error(`creating an event: ${result.outcome}`);
  return result.record;
}

async function register(eventId: number) {
  const id = tag();
  const user = await db.user.create({ data: { name: `Registrant ${id}`, email: `registrant-${id}@example.com`, phone: "5550001111" } });
  await db.registration.create({ data: { eventId, userId: user.id } });
}

describe("organising events", () => {
  afterAll(async () => {
    // Leave the first event featured, as the migration made it, for anything that runs after.
    await featureEvent(1);
    await closeDatabase();
  });

  it("creates a scheduled, unfeatured event, and refuses a slug another event holds", async () => {
    const event = await newEvent();
    expect(event).toMatchObject({ state: "scheduled", isFeatured: null, archivedAt: null, isChatOn: true, isQaOn: false });
    expect(await createEvent(fields({ slug: event.slug, title: "Another" }))).toEqual({ outcome: "slug-taken" });
  });

  it("keeps at most one featured event: featuring one unfeatures the other in the same transaction", async () => {
    const [first, second] = [await newEvent(), await newEvent()];
    const featuredFirst = await featureEvent(first.id);
    expect(featuredFirst.outcome).toBe("featured");
    const featuredSecond = await featureEvent(second.id);
    expect(featuredSecond).toMatchObject({ outcome: "featured", record: { id: second.id, isFeatured: true } });
    if (featuredSecond.outcome === "featured") expect(featuredSecond.unfeatured.map((event) => event.id)).toEqual([first.id]);
    expect((await db.event.findMany({ where: { isFeatured: true } })).map((event) => event.id)).toEqual([second.id]);

    // Many organisers at once: still exactly one, and it is one of theirs.
    const contenders = await Promise.all(Array.from({ length: 5 }, () => newEvent()));
    const results = await Promise.allSettled(contenders.map((event) => featureEvent(event.id)));
    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    const featured = await db.event.findMany({ where: { isFeatured: true } });
    expect(featured).toHaveLength(1);
    expect(contenders.map((event) => event.id)).toContain(featured[0].id);

    // The database itself refuses a second one, whatever the code does.
    await expect(db.event.update({ where: { id: first.id }, data: { isFeatured: true } })).rejects.toThrow();
  });

  it("moves scheduled → live → ended only, and refuses every other move without changing anything", async () => {
    const event = await newEvent();
    expect(await changeEventState(event.id, "ended")).toEqual({ outcome: "refused", current: "scheduled" });
    expect(await changeEventState(event.id, "scheduled")).toEqual({ outcome: "refused", current: "scheduled" });
    expect(await changeEventState(event.id, "live")).toMatchObject({ outcome: "changed", record: { state: "live" } });
    expect(await changeEventState(event.id, "live")).toEqual({ outcome: "refused", current: "live" });
    expect(await changeEventState(event.id, "ended")).toMatchObject({ outcome: "changed", record: { state: "ended" } });
    expect(await changeEventState(event.id, "live")).toEqual({ outcome: "refused", current: "ended" });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).state).toBe("ended");
    expect(await changeEventState(2_000_000_000, "live")).toEqual({ outcome: "not-found" });
  });

  it("lets two organisers pressing Go live at once move the event once", async () => {
    const event = await newEvent();
    const results = await Promise.all([changeEventState(event.id, "live"), changeEventState(event.id, "live")]);
    expect(results.map((result) => result.outcome).sort()).toEqual(["changed", "refused"]);
  });

  it("lets the slug change until someone registers, then locks it (other fields still save)", async () => {
    const event = await newEvent();
    const renamed = `renamed-${tag()}`;
    expect(await updateEvent(event.id, fields({ slug: renamed, title: "Renamed" }))).toMatchObject({ outcome: "saved", record: { slug: renamed, title: "Renamed" } });

    await register(event.id);
    expect(await updateEvent(event.id, fields({ slug: `again-${tag()}` }))).toEqual({ outcome: "slug-locked" });
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).slug).toBe(renamed);
    expect(await updateEvent(event.id, fields({ slug: renamed, title: "Still editable" }))).toMatchObject({ outcome: "saved", record: { title: "Still editable", slug: renamed } });
  });

  it("refuses an update to another event's slug", async () => {
    const [taken, event] = [await newEvent(), await newEvent()];
    expect(await updateEvent(event.id, fields({ slug: taken.slug }))).toEqual({ outcome: "slug-taken" });
  });

  it("duplicates an event into a new scheduled, unfeatured one under a free slug", async () => {
    const source = await newEvent({ title: "Workshop" });
    await changeEventState(source.id, "live");
    await featureEvent(source.id);
    await register(source.id);

    const first = await duplicateEvent(source.id);
    const second = await duplicateEvent(source.id);
    if (first.outcome !== "duplicated" || second.outcome !== "duplicated") throw new Error("duplicating failed");
    expect(first.record).toMatchObject({
      slug: `${source.slug}-copy`,
      title: "Workshop (copy)",
      description: source.description,
      streamUrl: source.streamUrl,
      startsAt: source.startsAt,
      endsAt: source.endsAt,
      isChatOn: source.isChatOn,
      isQaOn: source.isQaOn,
      state: "scheduled",
      isFeatured: null,
      archivedAt: null,
    });
    expect(second.record.slug).toBe(`${source.slug}-copy-2`);
    expect(await db.registration.count({ where: { eventId: first.record.id } })).toBe(0);

    // Copies made at the same moment still get slugs of their own.
    const racing = await Promise.all(Array.from({ length: 4 }, () => duplicateEvent(source.id)));
    const slugs = racing.map((result) => (result.outcome === "duplicated" ? result.record.slug : result.outcome));
    expect(new Set(slugs).size).toBe(4);
  });

  it("archives an event: gone from the list and from every change, its data kept", async () => {
    const event = await newEvent();
    await register(event.id);
    await featureEvent(event.id);
    expect((await listEvents()).map((listed) => listed.id)).toContain(event.id);

    const archived = await archiveEvent(event.id);
    expect(archived).toMatchObject({ outcome: "archived", record: { isFeatured: null } });
    expect((await listEvents()).map((listed) => listed.id)).not.toContain(event.id);
    expect(await findManagedEvent(event.id)).toBeNull();
    expect(await db.registration.count({ where: { eventId: event.id } })).toBe(1);
    expect(await archiveEvent(event.id)).toEqual({ outcome: "not-found" });
    expect(await changeEventState(event.id, "live")).toEqual({ outcome: "not-found" });
    expect(await featureEvent(event.id)).toEqual({ outcome: "not-found" });
    expect(await duplicateEvent(event.id)).toEqual({ outcome: "not-found" });
    expect(await updateEvent(event.id, fields())).toEqual({ outcome: "not-found" });
  });

  it("lists live events first, then upcoming from the soonest, then ended from the latest, with registration counts", async () => {
    const later = await newEvent({ startsAt: new Date("2031-01-02T10:00:00Z") });
    const sooner = await newEvent({ startsAt: new Date("2031-01-01T10:00:00Z") });
    const live = await newEvent({ startsAt: new Date("2031-01-03T10:00:00Z") });
    await changeEventState(live.id, "live");
    await register(sooner.id);
    await register(sooner.id);
    const listed = await listEvents();
    const order = listed.map((event) => event.id);
    expect(order.indexOf(live.id)).toBeLessThan(order.indexOf(sooner.id));
    expect(order.indexOf(sooner.id)).toBeLessThan(order.indexOf(later.id));
    expect(listed.find((event) => event.id === sooner.id)?.registrations).toBe(2);
  });

  it("lists for the home page every live event before any upcoming one, so a long list of upcoming events never pushes a live one past its limit", async () => {
    // Upcoming events that start before the live one: ordered by start alone, they would fill the list.
    const upcoming = await Promise.all(Array.from({ length: 51 }, (_, index) => newEvent({ startsAt: new Date(Date.UTC(2020, 0, 1, 0, index)), endsAt: null })));
    const live = await newEvent({ startsAt: new Date("2031-06-01T10:00:00Z") });
    await changeEventState(live.id, "live");
    try {
      const listed = await listOpenEvents();
      expect(listed.length).toBeLessThanOrEqual(50);
      const order = listed.map((event) => event.id);
      expect(order).toContain(live.id);
      const firstUpcoming = listed.findIndex((event) => event.state === "scheduled");
      expect(listed.slice(firstUpcoming).every((event) => event.state === "scheduled")).toBe(true);
      const startsOfUpcoming = listed.slice(firstUpcoming).map((event) => event.startsAt.getTime());
      expect(startsOfUpcoming).toEqual([...startsOfUpcoming].sort((a, b) => a - b));
    } finally {
      for (const event of [...upcoming, live]) await archiveEvent(event.id);
    }
  });
});
