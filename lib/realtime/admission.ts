// Admission under a join storm. Every joining socket needs its account looked
// up. The lookups wait here in arrival order and go to the database in
// batches, one statement for up to MAX_BATCH joiners, with at most
// CONCURRENCY statements at once: when a few join they go one by one with no
// delay, and when thousands join at once the database sees a few dozen
// statements instead of thousands. When MAX_WAITING are already waiting, new
// handshakes are refused at the HTTP level (allowRequest), which
// socket.io-client treats as a failed attempt and retries with its jittered
// backoff, instead of queueing until a pool timeout.

type Waiter<Key, Value> = { key: Key; resolve: (value: Value | undefined) => void; reject: (error: unknown) => void };

export type BatchQueueOptions = { concurrency: number; maxBatch: number; maxWaiting: number };

export class BatchQueue<Key, Value> {
  private waiting: Waiter<Key, Value>[] = [];
  private running = 0;

  constructor(
    private readonly runBatch: (keys: Key[]) => Promise<Map<Key, Value>>,
    private readonly options: BatchQueueOptions,
  ) {}

  /** True when a new handshake should be turned away for now. */
  get isFull(): boolean {
    return this.waiting.length >= this.options.maxWaiting;
  }

  /** The value for one key, from the next batch with room. */
  load(key: Key): Promise<Value | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches() {
    while (this.running < this.options.concurrency && this.waiting.length) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.running++;
      this.runBatch(batch.map((waiter) => waiter.key))
        .then(
          (values) => batch.forEach((waiter) => waiter.resolve(values.get(waiter.key))),
          (error) => batch.forEach((waiter) => waiter.reject(error)),
        )
        .finally(() => {
          this.running--;
          this.startBatches();
        });
    }
  }
}
