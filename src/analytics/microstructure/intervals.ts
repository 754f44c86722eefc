import { requirePositive } from '../statistics/validate.js';
import { midOf, type TopOfBook } from './types.js';

/**
 * Fixed time intervals [start + k·width, start + (k+1)·width), k = 0 … count − 1, shared by the
 * per-interval measures (OFI, Kyle's λ, Amihud, VPIN bars). Only whole intervals are kept.
 */
export interface IntervalGrid {
  readonly start: number;
  readonly width: number;
  readonly count: number;
}

/** The whole intervals of `width` between `start` and `end` (same time unit). */
export function intervalGrid(start: number, end: number, width: number): IntervalGrid {
  requirePositive('width', width);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw new RangeError(`end must be a finite time >= start, got start ${start}, end ${end}`);
  }
  return { start, width, count: Math.floor((end - start) / width) };
}

/** The grid over the span of a quote series, starting at its first quote. */
export function quoteIntervalGrid(quotes: readonly TopOfBook[], width: number): IntervalGrid {
  if (quotes.length === 0) throw new RangeError('quotes must hold at least 1 quote, got 0');
  return intervalGrid(quotes[0].time, quotes[quotes.length - 1].time, width);
}

/** Interval index of `time` on the grid, or −1 when it falls outside the whole intervals. */
export function intervalIndex(grid: IntervalGrid, time: number): number {
  const k = Math.floor((time - grid.start) / grid.width);
  return k >= 0 && k < grid.count ? k : -1;
}

/** Index of the last quote with `time <= at` (quotes sorted by time), −1 when none. */
export function quoteIndexAt(quotes: readonly TopOfBook[], at: number): number {
  let low = 0;
  let high = quotes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (quotes[mid].time <= at) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * Mids at the interval boundaries: element 0 is the first quote's mid, element k + 1 the mid at the
 * end of interval k (the last quote strictly before start + (k + 1)·width). Length count + 1.
 */
export function intervalEndMids(quotes: readonly TopOfBook[], grid: IntervalGrid): number[] {
  if (quotes.length === 0) throw new RangeError('quotes must hold at least 1 quote, got 0');
  const mids = [midOf(quotes[0])];
  let q = 0;
  for (let k = 0; k < grid.count; k++) {
    const end = grid.start + (k + 1) * grid.width;
    while (q + 1 < quotes.length && quotes[q + 1].time < end) q++;
    mids.push(midOf(quotes[q]));
  }
  return mids;
}

/**
 * Mid-quote changes per interval, M(end of k) − M(end of k − 1) (see `intervalEndMids`), divided by
 * `unit` (pass the tick size for changes in ticks).
 */
export function midChangesPerInterval(quotes: readonly TopOfBook[], grid: IntervalGrid, unit = 1): number[] {
  requirePositive('unit', unit);
  const mids = intervalEndMids(quotes, grid);
  return mids.slice(1).map((mid, k) => (mid - mids[k]) / unit);
}

/** Σ values[i] over the items whose time falls in each interval (items outside are ignored). */
export function sumPerInterval(
  grid: IntervalGrid,
  times: ArrayLike<number>,
  values: ArrayLike<number>,
): number[] {
  const sums = new Array<number>(grid.count).fill(0);
  for (let i = 0; i < times.length; i++) {
    const k = intervalIndex(grid, times[i]);
    if (k >= 0) sums[k] += values[i];
  }
  return sums;
}
