import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { creditHeartbeat } from "@/lib/analytics/credit-heartbeat";
import { openViewingSession } from "@/lib/analytics/open-viewing-session";
import { db } from "@/lib/db";

// The crediting SQL against the real database, with the clock passed in.
const t0 = Date.UTC(2026, 10, 24, 18, 0, 0);
const at = (seconds: number) => new Date(t0 + seconds * 1000);

async function newViewer() {
  const tag = randomBytes(4).toString("hex");
  return db.user.create({ data: { name: `Heartbeat ${tag}`, email: `heartbeat-${tag}@example.com`, phone: "5550001111" } });
}

const sessionsOf = (userId: number) => db.sessionAnalytics.findMany({ where: { userId }, orderBy: { id: "asc" } });

describe("heartbeat crediting", () => {
  afterAll(() => db.$disconnect());

  it("an honest tab with timer jitter earns exactly one minute per interval", async () => {
    const viewer = await newViewer();
    await openViewingSession(viewer.id, at(0));
    // Gaps between one tab's timer ticks: browsers fire late far more than early.
    const gaps = [63, 58, 66, 60, 58, 69, 61, 56, 66, 62];
    let now = 0;
    for (const gap of gaps) await creditHeartbeat(viewer.id, 60, at((now += gap)));
    const [session] = await sessionsOf(viewer.id);
    expect(session.totalMinutes).toBe(10);
    expect(session.lastPing.toISOString()).toBe(at(619).toISOString());
    expect(session.startTime.toISOString()).toBe(at(0).toISOString());
  });

  it("a script pinging every 0.9 interval cannot earn more minutes than intervals elapsed", async () => {
    const viewer = await newViewer();
    await openViewingSession(viewer.id, at(0));
    for (let ping = 1; ping <= 40; ping++) await creditHeartbeat(viewer.id, 60, at(ping * 54));
    const [session] = await sessionsOf(viewer.id);
    expect(session.totalMinutes).toBeLessThanOrEqual(Math.floor((40 * 54) / 60));
  });

  it("twenty simultaneous heartbeats (tabs, a flood) credit one minute", async () => {
    const viewer = await newViewer();
    await openViewingSession(viewer.id, at(0));
    const results = await Promise.all(Array.from({ length: 20 }, () => creditHeartbeat(viewer.id, 60, at(60))));
    expect(results.filter((result) => result.isCredited)).toHaveLength(1);
    expect((await sessionsOf(viewer.id))[0].totalMinutes).toBe(1);
  });

  it("ten tabs joining at once open one viewing session", async () => {
    const viewer = await newViewer();
    await Promise.all(Array.from({ length: 10 }, () => openViewingSession(viewer.id, at(0))));
    expect(await sessionsOf(viewer.id)).toHaveLength(1);
  });

  it("resumes the session within 5 minutes of the last heartbeat and opens a new one after", async () => {
    const viewer = await newViewer();
    await openViewingSession(viewer.id, at(0));
    await creditHeartbeat(viewer.id, 60, at(60));
    await openViewingSession(viewer.id, at(60 + 299));
    expect(await sessionsOf(viewer.id)).toHaveLength(1);
    await openViewingSession(viewer.id, at(60 + 301));
    const sessions = await sessionsOf(viewer.id);
    expect(sessions.map((session) => [session.startTime.toISOString(), session.totalMinutes])).toEqual([
      [at(0).toISOString(), 1],
      [at(361).toISOString(), 0],
    ]);
  });
});
