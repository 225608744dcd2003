import { describe, expect, it } from "vitest";
import { LIVE_POOL_SIZE } from "@/lib/db";
import { admit, isAdmissionFull } from "@/lib/realtime/admission";

describe("handshake admission", () => {
  it("runs at most one joiner per live-pool connection at once, the rest in arrival order", async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const joiners = Array.from({ length: 50 }, (_, index) =>
      admit(async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        order.push(index);
        running--;
      }),
    );
    await Promise.all(joiners);
    expect(most).toBe(LIVE_POOL_SIZE);
    expect(order.slice(LIVE_POOL_SIZE)).toEqual([...order.slice(LIVE_POOL_SIZE)].sort((a, b) => a - b));
  });

  it("a failing joiner frees its slot", async () => {
    await expect(admit(() => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
    await Promise.all(Array.from({ length: LIVE_POOL_SIZE * 3 }, () => admit(async () => undefined)));
  });

  it("turns new handshakes away once 2,000 are waiting, and admits again as the queue drains", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const joiners = Array.from({ length: LIVE_POOL_SIZE + 2_000 }, () => admit(() => gate));
    expect(isAdmissionFull()).toBe(true);
    release();
    await Promise.all(joiners);
    expect(isAdmissionFull()).toBe(false);
  });
});
