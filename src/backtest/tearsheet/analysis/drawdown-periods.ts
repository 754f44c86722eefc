/** The drawdown periods of an equity curve: peak, trough and recovery of each underwater stretch. */

import { MICROS_PER_DAY } from '../../../model/time.js';
import type { EquityCurve } from '../../result-types.js';

export interface DrawdownPeriod {
  /** Time of the peak the stretch falls from (the first sample's time for the initial capital). */
  readonly start: number;
  readonly trough: number;
  /** First sample back at or above the peak; null when the curve ends underwater. */
  readonly recovery: number | null;
  readonly peak: number;
  readonly troughValue: number;
  /** (peak − trough) / peak × 100. */
  readonly depthPct: number;
  /** From start to recovery (or to the last sample), in days. */
  readonly lengthDays: number;
}

/**
 * Every underwater stretch of the full-resolution curve, in time order, with the same rules as
 * `drawdownSummary` (running peak from the initial capital; a flat stretch at the peak is not
 * underwater), so the deepest period is the run's max drawdown and the longest its longest one.
 */
export function drawdownPeriods(
  curve: Pick<EquityCurve, 'time' | 'equity'>,
  initialCapital: number,
): DrawdownPeriod[] {
  const n = curve.equity.length;
  const periods: DrawdownPeriod[] = [];
  if (n === 0) return periods;
  let peak = initialCapital;
  let peakTime = curve.time[0];
  let trough = -1;
  const close = (recovery: number | null, end: number): void => {
    const troughValue = curve.equity[trough];
    periods.push({
      start: peakTime,
      trough: curve.time[trough],
      recovery,
      peak,
      troughValue,
      depthPct: ((peak - troughValue) / peak) * 100,
      lengthDays: (end - peakTime) / MICROS_PER_DAY,
    });
    trough = -1;
  };
  for (let i = 0; i < n; i++) {
    const e = curve.equity[i];
    if (e >= peak) {
      if (trough >= 0) close(curve.time[i], curve.time[i]);
      peak = e;
      peakTime = curve.time[i];
    } else if (trough < 0 || e < curve.equity[trough]) {
      trough = i;
    }
  }
  if (trough >= 0) close(null, curve.time[n - 1]);
  return periods;
}

/** The `count` deepest periods, deepest first (ties: the earlier first). */
export function worstDrawdowns(periods: readonly DrawdownPeriod[], count: number): DrawdownPeriod[] {
  return [...periods].sort((a, b) => b.depthPct - a.depthPct || a.start - b.start).slice(0, count);
}
