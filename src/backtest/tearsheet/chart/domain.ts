/** Data extents of a chart: the time span and the value range its axes must cover. */
import type { ChartOptions } from './types.js';

/**
 * [earliest, latest] time over the series and markers. With nothing to draw this is
 * [+∞, −∞], so `t1 >= t0` fails.
 */
export function timeExtent(options: ChartOptions): [number, number] {
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  for (const s of options.series) {
    const n = Math.min(s.time.length, s.value.length);
    if (n === 0) continue;
    t0 = Math.min(t0, s.time[0]);
    t1 = Math.max(t1, s.time[n - 1]);
  }
  for (const m of options.markers ?? []) {
    t0 = Math.min(t0, m.time);
    t1 = Math.max(t1, m.time);
  }
  return [t0, t1];
}

/**
 * [min, max] over the kept points of each series (`kept[k]` indexes `options.series[k]`), the
 * markers, the forced `include` values and the reference lines; [0, 1] when there is no finite
 * minimum.
 */
export function valueExtent(options: ChartOptions, kept: readonly (readonly number[])[]): [number, number] {
  let vMin = Number.POSITIVE_INFINITY;
  let vMax = Number.NEGATIVE_INFINITY;
  options.series.forEach((s, k) => {
    for (const i of kept[k]) {
      vMin = Math.min(vMin, s.value[i]);
      vMax = Math.max(vMax, s.value[i]);
    }
  });
  for (const m of options.markers ?? []) {
    vMin = Math.min(vMin, m.value);
    vMax = Math.max(vMax, m.value);
  }
  for (const v of options.include ?? []) {
    vMin = Math.min(vMin, v);
    vMax = Math.max(vMax, v);
  }
  for (const r of options.referenceLines ?? []) {
    vMin = Math.min(vMin, r.value);
    vMax = Math.max(vMax, r.value);
  }
  if (!Number.isFinite(vMin)) {
    vMin = 0;
    vMax = 1;
  }
  return [vMin, vMax];
}
