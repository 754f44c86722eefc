import type { Grid } from '../../model/grid.js';
import type { UnixMicros } from '../../model/time.js';
import type { AlgorithmKind } from './types.js';

/** The start time of a scheduled algorithm: `startTime` or now; a start in the past is an error. */
export function scheduleStart(
  kind: AlgorithmKind,
  now: UnixMicros,
  startTime: UnixMicros | undefined,
): UnixMicros {
  if (startTime === undefined) return now;
  if (startTime < now) throw new RangeError(`${kind}: start time ${startTime} is before now (${now})`);
  return startTime;
}

/**
 * Cumulative quantity targets for a schedule of weighted steps: after step j the parent should
 * have `quantity × (w0 + … + wj) / Σw`, floored to the size grid; the last target is the whole
 * quantity (it takes the remainder). Targets never decrease.
 */
export function targetSchedule(quantity: number, weights: readonly number[], grid: Grid): number[] {
  if (weights.length === 0) throw new RangeError('a schedule needs at least one step');
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`schedule weights must be ≥ 0, got ${w}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('schedule weights sum to zero');
  const targets: number[] = [];
  let cumulative = 0;
  for (let j = 0; j < weights.length; j++) {
    cumulative += weights[j];
    targets.push(
      j === weights.length - 1 ? quantity : Math.min(quantity, grid.floor((quantity * cumulative) / total)),
    );
  }
  return targets;
}
