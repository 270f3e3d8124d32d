interface Pending<J, R> {
  job: J;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands the writes asked for in one turn of the event loop to `work` together: one statement or
 * transaction (one commit, one log flush) and multi-row inserts for many concurrent requests
 * instead of one each. If the batch fails, each write runs again alone, so that a failure reaches
 * only the request whose write caused it; `work` must therefore leave nothing behind when it
 * fails (one statement, or one transaction). Nothing is held beyond the batch in flight, so
 * several server processes may each batch their own requests.
 */
export class BatchedWrites<J, R> {
  private pending: Pending<J, R>[] | null = null;

  /** `work` writes the jobs, all or none, and answers one result per job, in order. */
  constructor(
    private readonly work: (jobs: J[]) => Promise<R[]>,
    private readonly maxBatch = 100,
  ) {}

  write(job: J): Promise<R> {
    return new Promise((resolve, reject) => {
      if (!this.pending) {
        this.pending = [];
        setImmediate(() => this.flush());
      }
      this.pending.push({ job, resolve, reject });
      if (this.pending.length >= this.maxBatch) this.flush();
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = null;
    if (!batch || batch.length === 0) return;
    void this.run(batch);
  }

  private async run(batch: Pending<J, R>[]): Promise<void> {
    try {
      const results = await this.work(batch.map((p) => p.job));
      batch.forEach((p, i) => p.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const p of batch) {
        this.work([p.job]).then(([result]) => p.resolve(result), p.reject);
      }
    }
  }
}
