import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Highest or lowest of the last `period` inputs in amortised O(1): a monotonic deque of window
 * positions (ring buffers, no allocation). `offset` gives how many inputs ago the extreme was
 * (0 = the latest), which Aroon needs; ties report the most recent.
 */
class MovingExtreme extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  /** Inputs since the extreme (0 = the latest input). */
  offset = Number.NaN;
  private readonly values: Float64Array;
  private readonly positions: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    period: number,
    private readonly highest: boolean,
  ) {
    super();
    checkPeriod(highest ? 'Highest' : 'Lowest', period);
    this.period = period;
    this.warmup = period - 1;
    this.values = new Float64Array(period);
    this.positions = new Float64Array(period);
  }

  update(input: number): number {
    const cap = this.period;
    const position = this.count;
    // Drop the oldest if it left the window.
    if (this.size > 0 && this.positions[this.head] <= position - cap) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.size--;
    }
    // Drop from the back everything the new input dominates (ties: keep the newest).
    while (this.size > 0) {
      let back = this.head + this.size - 1;
      if (back >= cap) back -= cap; // a compare instead of %, which is slow on this path
      const v = this.values[back];
      if (this.highest ? v <= input : v >= input) this.size--;
      else break;
    }
    let slot = this.head + this.size;
    if (slot >= cap) slot -= cap;
    this.values[slot] = input;
    this.positions[slot] = position;
    this.size++;
    this.count++;
    if (this.count >= cap) {
      this.value = this.values[this.head];
      this.offset = position - this.positions[this.head];
    }
    return this.value;
  }

  reset(): void {
    this.head = 0;
    this.size = 0;
    this.count = 0;
    this.value = Number.NaN;
    this.offset = Number.NaN;
  }
}

/** Highest of the last `period` inputs (TA-Lib MAX). */
export class Highest extends MovingExtreme {
  constructor(period: number) {
    super(period, true);
  }
}

/** Lowest of the last `period` inputs (TA-Lib MIN). */
export class Lowest extends MovingExtreme {
  constructor(period: number) {
    super(period, false);
  }
}
