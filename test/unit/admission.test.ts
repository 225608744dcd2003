import { describe, expect, it } from "vitest";
import { BatchQueue } from "@/lib/realtime/admission";

// The admission queue's rules, with a stand-in for the database lookup (the
// real one is exercised by every end-to-end spec and by npm run bench).
function lookups(delayMs = 2) {
  const batches: number[][] = [];
  let running = 0;
  let most = 0;
  const run = async (keys: number[]) => {
    batches.push(keys);
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    running--;
    return new Map(keys.map((key) => [key, `user ${key}`]));
  };
  return { run, batches, most: () => most };
}

describe("handshake admission", () => {
  it("a lone joiner is looked up at once, on its own", async () => {
    const { run, batches } = lookups();
    const queue = new BatchQueue(run, { concurrency: 3, maxBatch: 200, maxWaiting: 2_000 });
    expect(await queue.load(7)).toBe("user 7");
    expect(batches).toEqual([[7]]);
  });

  it("a storm goes to the database in a few batches, at most `concurrency` at once, in arrival order", async () => {
    const { run, batches, most } = lookups();
    const queue = new BatchQueue(run, { concurrency: 3, maxBatch: 200, maxWaiting: 2_000 });
    const keys = Array.from({ length: 1_000 }, (_, index) => index + 1);
    expect(await Promise.all(keys.map((key) => queue.load(key)))).toEqual(keys.map((key) => `user ${key}`));
    expect(most()).toBe(3);
    expect(batches.length).toBeLessThanOrEqual(8);
    expect(batches.flat()).toEqual(keys);
    expect(Math.max(...batches.map((batch) => batch.length))).toBe(200);
  });

  it("a failing lookup fails its batch only, and frees its slot", async () => {
    let calls = 0;
    const queue = new BatchQueue(async (keys: number[]) => {
      if (calls++ === 0) throw new Error("database away");
      return new Map(keys.map((key) => [key, key]));
    }, { concurrency: 1, maxBatch: 10, maxWaiting: 100 });
    const first = queue.load(1);
    const second = queue.load(2);
    await expect(first).rejects.toThrow("database away");
    expect(await second).toBe(2);
  });

  it("turns new handshakes away once maxWaiting are waiting, and admits again as the queue drains", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new BatchQueue(async (keys: number[]) => (await gate, new Map(keys.map((key) => [key, key]))), { concurrency: 1, maxBatch: 10, maxWaiting: 50 });
    const joiners = Array.from({ length: 60 }, (_, index) => queue.load(index));
    expect(queue.isFull).toBe(true);
    release();
    await Promise.all(joiners);
    expect(queue.isFull).toBe(false);
  });
});
