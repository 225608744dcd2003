import { describe, expect, it } from "vitest";
import { IdSet } from "@/bench/id-set";
import { leastSquaresSlope, trendOf } from "@/bench/soak-memory";

// The soak's verdicts rest on these: which chat ids a viewer holds, and
// whether the server's memory trends upwards.

describe("the soak's set of chat ids", () => {
  it("holds ids from its base on, each once, and ignores older history", () => {
    const ids = new IdSet(100);
    for (const id of [99, 100, 107, 100, 20_000]) ids.add(id);
    expect(ids.size).toBe(3);
    expect([ids.has(99), ids.has(100), ids.has(101), ids.has(107), ids.has(20_000), ids.has(20_001)]).toEqual([false, true, false, true, true, false]);
    expect([...ids]).toEqual([100, 107, 20_000]);
  });
});

describe("the soak's memory trend", () => {
  const minute = 60_000;
  const limits = { maxMbPerHour: 30, minGrowthMb: 10 };
  const series = (mbAt: (minutes: number) => number, minutes: number) => Array.from({ length: minutes + 1 }, (_, at) => ({ at: at * minute, mb: mbAt(at) }));

  it("fits the least-squares slope", () => {
    expect(leastSquaresSlope([1, 2, 3, 4].map((x) => ({ x, y: 3 * x + 5 })))).toBeCloseTo(3);
    expect(leastSquaresSlope([{ x: 1, y: 1 }, { x: 2, y: 2 }])).toBeNull();
  });

  it("ignores the warm-up and flags a steady leak that adds up", () => {
    // Fast growth while caches fill, then 1 MB a minute (60 MB/hour) for 20 minutes.
    const leaking = trendOf(series((at) => (at < 10 ? 100 + 10 * at : 200 + (at - 10)), 30), 0, 10 * minute, limits);
    expect(leaking.slopeMbPerHour).toBeCloseTo(60);
    expect(leaking.growthMb).toBeCloseTo(20);
    expect(leaking.isOverLimit).toBe(true);
    const flat = trendOf(series((at) => (at < 10 ? 100 + 10 * at : 200 + (at % 2)), 30), 0, 10 * minute, limits);
    expect(flat.isOverLimit).toBe(false);
    expect([flat.startMb, flat.maxMb]).toEqual([100, 201]);
  });

  it("does not call a steep but small wobble in a short run a leak", () => {
    const wobble = trendOf(series((at) => 100 + 2 * at, 3), 0, minute, limits);
    expect(wobble.slopeMbPerHour).toBeCloseTo(120);
    expect(wobble.isOverLimit).toBe(false);
  });
});
