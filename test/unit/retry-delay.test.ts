import { describe, expect, it } from "vitest";
import { RETRY_MAX_MS, retryDelayMs } from "@/lib/realtime/retry-delay";

describe("retry delay after `unavailable`", () => {
  it("grows with each refusal in a row and stops at the ceiling", () => {
    const longest = (attempt: number) => retryDelayMs(attempt, 0, () => 1);
    expect([0, 1, 2, 3, 10, 1_000].map(longest)).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  });

  it("is jittered between half and all of the wait, so a crowd spreads out", () => {
    expect(retryDelayMs(3, 0, () => 0)).toBe(RETRY_MAX_MS / 2);
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(2)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });

  it("waits at least what the server suggested, but never beyond the ceiling", () => {
    expect(retryDelayMs(0, 3_000, () => 1)).toBe(3_000);
    expect(retryDelayMs(0, 60_000, () => 1)).toBe(RETRY_MAX_MS);
  });
});
