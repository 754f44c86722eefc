/**
 * Walk-forward windows over a series of bar times: each window optimises on its in-sample bars and
 * trades the bars right after them, out of sample. Out-of-sample windows follow one another without
 * gap or overlap from the end of the first in-sample window to the end of the data; the step from
 * one window to the next is the out-of-sample length. Rolling windows keep the in-sample length;
 * anchored ones all start at the first bar. Every in-sample bar comes before its window's first
 * out-of-sample bar.
 */
import { BourseError } from '../../core/errors.js';
import { addCalendar, type WindowLength } from './window-length.js';

/** Bars `[from, to)` of the series (indices). */
export interface BarRange {
  readonly from: number;
  readonly to: number;
}

export interface WalkForwardWindow {
  /** 0, 1, … in time order. */
  readonly index: number;
  readonly inSample: BarRange;
  readonly outOfSample: BarRange;
}

export interface WindowSpec {
  readonly inSample: WindowLength;
  readonly outOfSample: WindowLength;
  readonly anchored: boolean;
}

/**
 * The windows over bars stamped `times` (ascending). Calendar lengths cut at the first bar at or
 * after each boundary; boundaries are counted from the first bar's time, so months do not drift.
 * The last out-of-sample window may be shorter: it is kept when it holds at least half as many bars
 * as the one before it (a stub of a few bars says nothing), else dropped.
 */
export function walkForwardWindows(times: ArrayLike<number>, spec: WindowSpec): WalkForwardWindow[] {
  const n = times.length;
  if ((spec.inSample.unit === 'bars') !== (spec.outOfSample.unit === 'bars'))
    throw new BourseError(
      'CLI_INVALID',
      'walk-forward: give both window lengths in bars (500) or both as calendar spans (2y, 6m)',
    );
  const cut = cutter(times, spec);
  const windows: WalkForwardWindow[] = [];
  for (let k = 0; ; k++) {
    const from = cut.outOfSampleBoundary(k);
    if (from >= n) break;
    const to = Math.min(n, cut.outOfSampleBoundary(k + 1));
    if (to <= from) continue; // a span without bars (a weekend, a holiday): no window
    const previous = windows.at(-1);
    if (to === n && previous && to - from < (previous.outOfSample.to - previous.outOfSample.from) / 2) break;
    const inFrom = spec.anchored ? 0 : cut.inSampleStart(k);
    if (from - inFrom < 2)
      throw new BourseError(
        'CLI_INVALID',
        `walk-forward window ${k + 1}: its in-sample window holds ${from - inFrom} bars; it needs at least 2`,
      );
    windows.push({ index: windows.length, inSample: { from: inFrom, to: from }, outOfSample: { from, to } });
  }
  if (windows.length === 0)
    throw new BourseError(
      'CLI_INVALID',
      `walk-forward: the data (${n} bars) ends before the first out-of-sample window: shorten the in-sample window`,
    );
  return windows;
}

interface Cutter {
  /** First bar of out-of-sample window k (k = 0: the end of the first in-sample window). */
  outOfSampleBoundary(k: number): number;
  /** First bar of rolling in-sample window k. */
  inSampleStart(k: number): number;
}

function cutter(times: ArrayLike<number>, spec: WindowSpec): Cutter {
  const { inSample, outOfSample } = spec;
  if (inSample.unit === 'bars' || outOfSample.unit === 'bars') {
    const start = inSample.count;
    return {
      outOfSampleBoundary: (k) => start + k * outOfSample.count,
      inSampleStart: (k) => Math.max(0, start + k * outOfSample.count - inSample.count),
    };
  }
  const origin = addCalendar(times[0], inSample.unit, inSample.count);
  const boundaryTime = (k: number) => addCalendar(origin, outOfSample.unit, k * outOfSample.count);
  return {
    outOfSampleBoundary: (k) => firstAtOrAfter(times, boundaryTime(k)),
    inSampleStart: (k) => firstAtOrAfter(times, addCalendar(boundaryTime(k), inSample.unit, -inSample.count)),
  };
}

/** Index of the first time ≥ `time` (binary search; `times.length` when there is none). */
export function firstAtOrAfter(times: ArrayLike<number>, time: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
