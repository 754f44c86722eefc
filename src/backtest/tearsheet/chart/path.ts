/** SVG path data: coordinate rounding and line paths. */

/** A coordinate for path data and attributes. */
export function coord(v: number): string {
  // One decimal is sub-pixel at any sensible zoom and keeps paths short.
  return String(Math.round(v * 10) / 10);
}

/** `M x y L x y …` through the given points. */
export function linePath(xs: readonly number[], ys: readonly number[]): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i === 0 ? 'M' : 'L'}${coord(xs[i])} ${coord(ys[i])}`;
  return d;
}
