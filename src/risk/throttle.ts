import type { SubmitRate } from './types.js';

/** A sliding-window counter: at most `count` events in any `intervalMs` (clock in µs). */
export class Throttle {
  private readonly times: number[] = [];
  private head = 0;

  constructor(readonly rate: SubmitRate) {}

  /** Whether one more event at `now` stays within the rate (does not record it). */
  allows(now: number): boolean {
    const windowStart = now - this.rate.intervalMs * 1000;
    while (this.head < this.times.length && this.times[this.head] <= windowStart) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head < this.rate.count;
  }

  record(now: number): void {
    this.times.push(now);
  }
}
