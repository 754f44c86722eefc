/** Min/max-per-pixel-column downsampling of a time series. */

/**
 * Indices of the points worth drawing when `time`/`value` is squeezed into `columns` pixel
 * columns over [t0, t1]: per column the minimum and the maximum (in time order), plus the first
 * and last points, so every peak and trough survives. Non-finite values are skipped. Series of at
 * most 2 × columns points come back whole.
 */
export function downsampleMinMax(
  time: ArrayLike<number>,
  value: ArrayLike<number>,
  columns: number,
  t0: number = time[0],
  t1: number = time[time.length - 1],
): number[] {
  const n = Math.min(time.length, value.length);
  if (n <= 2 * columns) {
    const all: number[] = [];
    for (let i = 0; i < n; i++) if (Number.isFinite(value[i])) all.push(i);
    return all;
  }
  const minIdx = new Int32Array(columns).fill(-1);
  const maxIdx = new Int32Array(columns).fill(-1);
  const span = t1 - t0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (!Number.isFinite(v)) continue;
    if (first < 0) first = i;
    last = i;
    let c = span > 0 ? Math.floor(((time[i] - t0) / span) * columns) : 0;
    if (c < 0) c = 0;
    else if (c >= columns) c = columns - 1;
    const lo = minIdx[c];
    if (lo < 0 || v < value[lo]) minIdx[c] = i;
    const hi = maxIdx[c];
    if (hi < 0 || v > value[hi]) maxIdx[c] = i;
  }
  const out: number[] = [];
  const push = (i: number): void => {
    if (i >= 0 && (out.length === 0 || out[out.length - 1] !== i)) out.push(i);
  };
  push(first);
  for (let c = 0; c < columns; c++) {
    const a = minIdx[c];
    const b = maxIdx[c];
    if (a < 0) continue;
    // Indices only grow from column to column (time is sorted), so pushing min and max in index
    // order keeps the path in time order; `push` drops the repeat when first is a column extreme.
    push(Math.min(a, b));
    push(Math.max(a, b));
  }
  if (last > out[out.length - 1]) push(last);
  return out;
}
