import { checkPeriod, PriceIndicator } from '../core.js';

/**
 * Percent rank of the latest input among the n = `period` inputs before it:
 * 100 × (number of those n inputs strictly below x) / n, from 0 (x below all of them) to 100
 * (x above all of them); ties count as not below. The first value needs n previous inputs: warm-up
 * `period` inputs.
 *
 * The previous n inputs are kept sorted in a Float64Array: the rank is a binary search and the slide
 * (drop the oldest, insert the latest) moves only the values between the two positions, in place:
 * O(log n) comparisons and no allocation. Inputs must not be NaN.
 */
export class PercentRank extends PriceIndicator {
  readonly outputs = ['value'] as const;
  readonly warmup: number;
  readonly period: number;
  /** The previous inputs, in arrival order (ring buffer) and sorted. */
  private readonly window: Float64Array;
  private readonly sorted: Float64Array;
  private index = 0;

  constructor(period = 20) {
    super();
    checkPeriod('PCTRANK', period);
    this.period = period;
    this.warmup = period;
    this.window = new Float64Array(period);
    this.sorted = new Float64Array(period);
  }

  update(input: number): number {
    const n = this.period;
    const sorted = this.sorted;
    if (this.count < n) {
      // Warming up: insert into the first `count` sorted values.
      const size = this.count;
      const at = lowerBound(sorted, 0, size, input);
      sorted.copyWithin(at + 1, at, size);
      sorted[at] = input;
    } else {
      const below = lowerBound(sorted, 0, n, input);
      this.value = (100 * below) / n;
      // Replace the oldest by the input: shift the values between their two sorted positions.
      const old = this.window[this.index];
      const from = lowerBound(sorted, 0, n, old);
      // Short moves by an element loop (copyWithin's call costs more than moving a few values).
      if (input > old) {
        // New position: after the values < input, not counting the old one (which is before it).
        const to = below - 1;
        if (to - from > SHORT_MOVE) sorted.copyWithin(from, from + 1, to + 1);
        else for (let i = from; i < to; i++) sorted[i] = sorted[i + 1];
        sorted[to] = input;
      } else {
        if (from - below > SHORT_MOVE) sorted.copyWithin(below + 1, below, from);
        else for (let i = from; i > below; i--) sorted[i] = sorted[i - 1];
        sorted[below] = input;
      }
    }
    this.window[this.index] = input;
    this.index = this.index + 1 === n ? 0 : this.index + 1;
    this.count++;
    return this.value;
  }

  reset(): void {
    this.window.fill(0);
    this.sorted.fill(0);
    this.index = 0;
    this.count = 0;
    this.value = Number.NaN;
  }
}

/** Moves of up to this many values use an element loop rather than copyWithin. */
const SHORT_MOVE = 32;

/** First position in sorted[from, to) whose value is not below x. */
function lowerBound(sorted: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
