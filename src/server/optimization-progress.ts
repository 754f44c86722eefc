/**
 * How often an optimisation job tells its listener about progress: at most once per `intervalMs`
 * and once per `minStep` combinations, always with the latest state (a pending update is replaced
 * by a newer one, never queued: conflated per job). Status changes are not throttled; when a job
 * ends, `cancel` drops any progress update still pending, so nothing follows its last state.
 */

export class ProgressThrottle {
  private lastPublished = Number.NEGATIVE_INFINITY;
  private publishedDone = 0;
  private latestDone = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    /** Fewest combinations between two progress updates. */
    private readonly minStep: number,
    private readonly publish: () => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Progress moved to `done`: published now, when the interval is up (the latest state), or later. */
  progressed(done: number): void {
    this.latestDone = done;
    if (this.timer !== undefined || done - this.publishedDone < this.minStep) return;
    const wait = this.lastPublished + this.intervalMs - this.clock();
    if (wait <= 0) this.fire();
    else {
      this.timer = setTimeout(() => this.fire(), wait);
      this.timer.unref();
    }
  }

  /** Drops a pending progress update (the job ended). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.lastPublished = this.clock();
    this.publishedDone = this.latestDone;
    this.publish();
  }
}
