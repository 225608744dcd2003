// A set of chat message ids as a bitmap from the first id of the run: the
// soak's 200 viewers each remember every id they received (36,000 in a
// 30-minute run at 20 msg/s), which as Set<number>s would weigh ~150 MB.

export class IdSet {
  private bits = new Uint8Array(1024);
  size = 0;

  /** Ids below `base` (history from before the run) are ignored. */
  constructor(readonly base: number) {}

  add(id: number): void {
    const offset = id - this.base;
    if (offset < 0) return;
    const byte = offset >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, byte + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    const mask = 1 << (offset & 7);
    if (this.bits[byte] & mask) return;
    this.bits[byte] |= mask;
    this.size++;
  }

  has(id: number): boolean {
    const offset = id - this.base;
    if (offset < 0) return false;
    const byte = offset >> 3;
    return byte < this.bits.length && (this.bits[byte] & (1 << (offset & 7))) !== 0;
  }

  *[Symbol.iterator](): Generator<number> {
    for (let byte = 0; byte < this.bits.length; byte++) {
      if (!this.bits[byte]) continue;
      for (let bit = 0; bit < 8; bit++) if (this.bits[byte] & (1 << bit)) yield this.base + byte * 8 + bit;
    }
  }
}
