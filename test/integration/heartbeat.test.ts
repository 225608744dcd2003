import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { HeartbeatBuffer } from "@/lib/analytics/heartbeat-buffer";
import { closeDatabase, db, getLivePool } from "@/lib/db";
import { createTestEvent } from "../events";

// The batched crediting SQL against the real database, with the clock passed
// in. Each HeartbeatBuffer stands for one server process.
const t0 = Date.UTC(2026, 10, 24, 18, 0, 0);
/** The first event (made by the events migration); the two-event test makes its own. */
const EVENT = 1;
const at = (seconds: number) => new Date(t0 + seconds * 1000);

async function newViewer() {
  const tag = randomBytes(4).toString("hex");
  return db.user.create({ data: { name: `Heartbeat ${tag}`, email: `heartbeat-${tag}@example.com`, phone: "5550001111" } });
}

const sessionsOf = (userId: number) => db.sessionAnalytics.findMany({ where: { userId }, orderBy: { id: "asc" } });
const newProcess = () => new HeartbeatBuffer(getLivePool, 60);

/** One heartbeat, in a batch of its own. */
async function ping(buffer: HeartbeatBuffer, userId: number, seconds: number, eventId = EVENT) {
  const result = buffer.recordPing(eventId, userId, at(seconds));
  await buffer.flush();
  return result;
}

async function join(buffer: HeartbeatBuffer, userId: number, seconds: number, eventId = EVENT) {
  buffer.recordJoin(eventId, userId, at(seconds));
  await buffer.flush();
}

describe("batched heartbeat crediting", () => {
  afterAll(() => closeDatabase());

  it("an honest tab with timer jitter earns exactly one minute per interval", async () => {
    const viewer = await newViewer();
    const buffer = newProcess();
    await join(buffer, viewer.id, 0);
    // Gaps between one tab's timer ticks: browsers fire late far more than early.
    const gaps = [63, 58, 66, 60, 58, 69, 61, 56, 66, 62];
    let now = 0;
    const acks = [];
    for (const gap of gaps) acks.push(await ping(buffer, viewer.id, (now += gap)));
    expect(acks.map((ack) => ack.totalMinutes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(acks.every((ack) => ack.isCredited)).toBe(true);
    const [session] = await sessionsOf(viewer.id);
    expect(session.totalMinutes).toBe(10);
    expect(session.lastPing.toISOString()).toBe(at(619).toISOString());
    expect(session.startTime.toISOString()).toBe(at(0).toISOString());
  });

  it("a script pinging every 0.9 interval cannot earn more minutes than intervals elapsed", async () => {
    const viewer = await newViewer();
    const buffer = newProcess();
    await join(buffer, viewer.id, 0);
    for (let beat = 1; beat <= 40; beat++) await ping(buffer, viewer.id, beat * 54);
    const [session] = await sessionsOf(viewer.id);
    expect(session.totalMinutes).toBeLessThanOrEqual(Math.floor((40 * 54) / 60));
    expect(session.totalMinutes).toBeGreaterThan(30);
  });

  it("twenty heartbeats in one batch (tabs, a flood) credit one minute, and exactly one ack says so", async () => {
    const viewer = await newViewer();
    const buffer = newProcess();
    await join(buffer, viewer.id, 0);
    const pending = Array.from({ length: 20 }, (_, index) => buffer.recordPing(EVENT, viewer.id, at(60 + index * 0.01)));
    await buffer.flush();
    const acks = await Promise.all(pending);
    expect(acks.filter((ack) => ack.isCredited)).toHaveLength(1);
    expect(acks.every((ack) => ack.totalMinutes === 1)).toBe(true);
    expect((await sessionsOf(viewer.id))[0].totalMinutes).toBe(1);
  });

  it("tabs on several processes, flushing at the same moment, open one viewing session and earn one minute per interval", async () => {
    const viewer = await newViewer();
    const processes = Array.from({ length: 5 }, newProcess);
    await Promise.all(processes.map((buffer) => join(buffer, viewer.id, 0)));
    expect(await sessionsOf(viewer.id)).toHaveLength(1);
    for (let interval = 1; interval <= 3; interval++) {
      const acks = await Promise.all(processes.map((buffer, index) => ping(buffer, viewer.id, interval * 60 + index * 0.2)));
      expect(acks.filter((ack) => ack.isCredited), `interval ${interval}`).toHaveLength(1);
    }
    const sessions = await sessionsOf(viewer.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].totalMinutes).toBe(3);
  });

  it("an early heartbeat from one tab does not hide a creditable one from another tab in the same batch", async () => {
    const viewer = await newViewer();
    const buffer = newProcess();
    await join(buffer, viewer.id, 0);
    await ping(buffer, viewer.id, 60);
    // Tab Y pings 40 s after the credit (too early), tab X 62 s after it: both wait for the same batch.
    const early = buffer.recordPing(EVENT, viewer.id, at(100));
    const due = buffer.recordPing(EVENT, viewer.id, at(122));
    await buffer.flush();
    expect(await Promise.all([early, due])).toEqual([
      { totalMinutes: 2, isCredited: false },
      { totalMinutes: 2, isCredited: true },
    ]);
  });

  it("heartbeats of one person at the same millisecond on two processes: one minute, and one ack says so", async () => {
    const viewer = await newViewer();
    const [a, b] = [newProcess(), newProcess()];
    await join(a, viewer.id, 0);
    const acks = await Promise.all([ping(a, viewer.id, 60), ping(b, viewer.id, 60)]);
    expect(acks.filter((ack) => ack.isCredited)).toHaveLength(1);
    expect(acks.map((ack) => ack.totalMinutes)).toEqual([1, 1]);
  });

  it("two processes writing batches of thousands of new, interleaved people at once neither block nor fail", async () => {
    // Without READ COMMITTED on the live pool, rounds like these failed with errno 1467 or 1213 (gap and auto-increment locks).
    for (let round = 0; round < 4; round++) {
      const tag = randomBytes(4).toString("hex");
      await db.user.createMany({ data: Array.from({ length: 2_000 }, (_, index) => ({ name: `Storm ${index}`, email: `storm-${tag}-${index}@example.com`, phone: "5550001111" })) });
      const people = await db.user.findMany({ where: { email: { startsWith: `storm-${tag}-` } }, select: { id: true } });
      const [a, b] = [newProcess(), newProcess()];
      people.forEach((person, index) => (index % 2 ? b : a).recordJoin(EVENT, person.id, at(0)));
      const pings = people.map((person, index) => (index % 2 ? a : b).recordPing(EVENT, person.id, at(0.5)));
      await Promise.all([a.flush(), b.flush()]);
      expect((await Promise.all(pings)).every((ack) => ack.totalMinutes === 0)).toBe(true);
      const rows = await db.sessionAnalytics.groupBy({ by: ["userId"], where: { userId: { in: people.map((person) => person.id) } }, _count: true });
      expect(rows).toHaveLength(people.length);
      expect(rows.every((row) => row._count === 1)).toBe(true);
    }
  });

  it("a heartbeat right after joining opens the session and is not credited", async () => {
    const viewer = await newViewer();
    const buffer = newProcess();
    buffer.recordJoin(EVENT, viewer.id, at(0));
    const ack = buffer.recordPing(EVENT, viewer.id, at(0.05));
    await buffer.flush();
    expect(await ack).toEqual({ totalMinutes: 0, isCredited: false });
    const [session] = await sessionsOf(viewer.id);
    expect(session.startTime.toISOString()).toBe(at(0).toISOString());
  });

  it("resumes the session within 5 minutes of the last heartbeat and opens a new one after", async () => {
    const viewer = await newViewer();
    const buffer = newProcess();
    await join(buffer, viewer.id, 0);
    await ping(buffer, viewer.id, 60);
    await join(buffer, viewer.id, 60 + 299);
    expect(await sessionsOf(viewer.id)).toHaveLength(1);
    await join(buffer, viewer.id, 60 + 301);
    const sessions = await sessionsOf(viewer.id);
    expect(sessions.map((session) => [session.startTime.toISOString(), session.totalMinutes, session.isOpen])).toEqual([
      [at(0).toISOString(), 1, null],
      [at(361).toISOString(), 0, true],
    ]);
  });

  it("two events watched at once in two tabs earn their minutes separately, each at most one per interval", async () => {
    const viewer = await newViewer();
    const [first, second] = [await createTestEvent(), await createTestEvent()];
    const buffer = newProcess();
    buffer.recordJoin(first.id, viewer.id, at(0));
    buffer.recordJoin(second.id, viewer.id, at(0));
    await buffer.flush();
    for (const seconds of [60, 120, 180]) {
      // Both tabs in one batch, and a second tab of the first event: one minute each, not two for the first.
      const acks = [buffer.recordPing(first.id, viewer.id, at(seconds)), buffer.recordPing(first.id, viewer.id, at(seconds + 0.2)), buffer.recordPing(second.id, viewer.id, at(seconds + 0.1))];
      await buffer.flush();
      expect((await Promise.all(acks)).map((ack) => ack.totalMinutes)).toEqual([seconds / 60, seconds / 60, seconds / 60]);
    }
    const sessions = await db.sessionAnalytics.findMany({ where: { userId: viewer.id }, orderBy: { eventId: "asc" } });
    expect(sessions.map((session) => [session.eventId, session.totalMinutes, session.isOpen])).toEqual([
      [first.id, 3, true],
      [second.id, 3, true],
    ]);
  });

  it("stop() writes what is waiting", async () => {
    const viewer = await newViewer();
    const buffer = newProcess();
    buffer.start();
    buffer.recordJoin(EVENT, viewer.id, at(0));
    await buffer.stop();
    expect(await sessionsOf(viewer.id)).toHaveLength(1);
  });
});
