/** Seeded draws shared by the random and genetic searches. */

/** A whole number in [0, n). */
export function randomIndex(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/**
 * `count` distinct integers of [0, size) (all of them when count >= size), in draw order: a partial
 * Fisher–Yates shuffle over a virtual array, so a huge `size` costs nothing.
 */
export function sampleDistinct(random: () => number, size: number, count: number): number[] {
  const n = Math.min(count, size);
  const moved = new Map<number, number>();
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const j = i + randomIndex(random, size - i);
    out[i] = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
  }
  return out;
}
