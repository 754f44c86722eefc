import type { Clock } from '../core/clock.js';
import type { UnixMicros } from '../model/time.js';

/**
 * Delays between us and the venue, in microseconds (all default 0: instant):
 * - `submit`: a command (submit, modify, cancel) travelling to the venue; an order can fill only
 *   on data after it arrives, and a cancel can lose the race against a fill;
 * - `ack`: the venue's answer (accepted, rejected, canceled, updated…) travelling back;
 * - `fill`: a fill report travelling back (the portfolio books it on arrival).
 */
export interface LatencyModel {
  readonly submit?: number;
  readonly ack?: number;
  readonly fill?: number;
}

export function checkLatency(latency: LatencyModel): void {
  for (const key of ['submit', 'ack', 'fill'] as const) {
    const value = latency[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw new RangeError(`latency.${key} must be a number of microseconds >= 0, got ${value}`);
  }
}

/**
 * Runs actions at later clock times, in the order they were scheduled: an action is never run
 * before one scheduled earlier (a fill report cannot overtake the acknowledgement sent before it).
 * One clock alert at a time covers the whole queue, so the clock's timer list stays short.
 */
export class DelayedActions {
  private readonly queue: { time: UnixMicros; run: () => void }[] = [];
  private head = 0;
  private last = Number.NEGATIVE_INFINITY;
  private armed = false;
  private sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly name: string,
  ) {}

  /** Runs `run` at `time` (at once when that is now or past and nothing is waiting). */
  at(time: UnixMicros, run: () => void): void {
    const when = Math.max(time, this.last);
    this.last = when;
    if (when <= this.clock.now() && this.head === this.queue.length) {
      run();
      return;
    }
    this.queue.push({ time: when, run });
    this.arm();
  }

  get pending(): number {
    return this.queue.length - this.head;
  }

  private arm(): void {
    if (this.armed || this.head === this.queue.length) return;
    this.armed = true;
    this.clock.setTimeAlert(`${this.name}-${++this.sequence}`, this.queue[this.head].time, () =>
      this.drain(),
    );
  }

  private drain(): void {
    this.armed = false;
    const now = this.clock.now();
    while (this.head < this.queue.length && this.queue[this.head].time <= now) {
      const action = this.queue[this.head++];
      action.run();
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    this.arm();
  }
}
