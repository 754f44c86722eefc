/**
 * Runs tasks one at a time, in the order they were queued: the live node's inputs (market data,
 * broker reports, reconciliation) each run to completion, journal commit included, before the next
 * starts, exactly as a backtest handles one data point after another.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Tasks queued or running. */
  get size(): number {
    return this.queued;
  }

  push(task: () => void | Promise<void>): void {
    this.queued++;
    this.tail = this.tail
      .then(task)
      .catch(this.onError)
      .finally(() => {
        this.queued--;
        if (this.queued === 0) for (const wake of this.waiters.splice(0)) wake();
      });
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
