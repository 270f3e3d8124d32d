interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the lookups asked for in one turn of the event loop into one query: under load, the
 * concurrent requests that each need a unit, a person or a campaign share one `WHERE id IN (…)`
 * instead of sending one query each. It is DataLoader's batching without its cache: what a batch
 * found answers only the lookups of the same turn of the event loop (a request that moved on to
 * its next step, another request at the same step), and is forgotten before the next turn, so a
 * value is never older than the turn that reads it, in this process or against another's writes.
 * The callers share the value found, so it is frozen: none may change it under another's feet
 * (copying it for each was a tenth of a report's CPU time under load).
 */
export class BatchLoader<K, V extends object> {
  private pending: Map<K, Waiter<V>[]> | null = null;
  /** What the last batch found, during the turn in which it arrived. */
  private found: Map<K, V> | null = null;

  /** `fetch` answers the keys it found; a missing key resolves to undefined. */
  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 500,
  ) {}

  /**
   * Drops what a batch of this turn found for `key`: a request that has just written the row reads
   * it back fresh, not as another request's batch saw it a moment before.
   */
  forget(key: K): void {
    this.found?.delete(key);
  }

  load(key: K): Promise<V | undefined> {
    const known = this.found?.get(key);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        this.pending = new Map();
        // setImmediate, not nextTick: the requests whose bytes or query answers arrived in the
        // same poll phase all get to ask before the batch leaves.
        setImmediate(() => this.flush());
      }
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (this.pending.size >= this.maxBatch) this.flush();
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = null;
    if (!batch || batch.size === 0) return;
    this.fetch([...batch.keys()]).then(
      (found) => {
        if (!this.found) setImmediate(() => (this.found = null));
        this.found = found;
        for (const [key, waiters] of batch) {
          const value = found.get(key);
          if (value !== undefined) deepFreeze(value);
          for (const waiter of waiters) waiter.resolve(value);
        }
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}

/** Freezes the value and everything it holds (an entity and its loaded relations). */
function deepFreeze(value: object): void {
  if (Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
}
