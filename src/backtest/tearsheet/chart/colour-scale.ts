/** A diverging colour scale for signed values: white at 0, deepening green above and red below. */

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
const POSITIVE: Rgb = [26, 127, 55];
const NEGATIVE: Rgb = [207, 34, 46];
/** Background of an exact zero. */
export const NEUTRAL_BACKGROUND = '#f6f8fa';

export interface CellColour {
  readonly background: string;
  /** Dark text on light cells, white on deep ones. */
  readonly text: string;
}

function mix(a: Rgb, b: Rgb, t: number): string {
  const c = (i: number) => Math.round(a[i] + (b[i] - a[i]) * t);
  return `rgb(${c(0)},${c(1)},${c(2)})`;
}

/**
 * The colour of `value` on a scale whose full depth is reached at |value| = `extent`. The depth
 * grows with √(|value| / extent) from a visible tint, so small values are still clearly green or red.
 */
export function divergingColour(value: number, extent: number): CellColour {
  if (value === 0 || !Number.isFinite(value)) return { background: NEUTRAL_BACKGROUND, text: '#1f2328' };
  const ratio = extent > 0 ? Math.min(1, Math.abs(value) / extent) : 1;
  const depth = 0.12 + 0.78 * Math.sqrt(ratio);
  return {
    background: mix(WHITE, value > 0 ? POSITIVE : NEGATIVE, depth),
    text: depth > 0.6 ? '#ffffff' : '#1f2328',
  };
}

/** The largest |value| among the finite ones (0 when there are none). */
export function absExtent(values: Iterable<number | null>): number {
  let extent = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
  return extent;
}
