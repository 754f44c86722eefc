/** Seeded synthetic returns for the diagnostics tests. */
import { mulberry32 } from '../../../src/analytics/statistics/random.js';

/** Standard normal draws (Box–Muller) from a seeded mulberry32. */
export function normalSource(seed: number): () => number {
  const random = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `trials` series of `length` returns drift + sd·Z, independent (one seeded stream). */
export function noiseMatrix(
  seed: number,
  trials: number,
  length: number,
  sd = 0.01,
  drift: (trial: number) => number = () => 0,
): Float64Array[] {
  const z = normalSource(seed);
  const rows: Float64Array[] = [];
  for (let n = 0; n < trials; n++) {
    const row = new Float64Array(length);
    const mu = drift(n);
    for (let t = 0; t < length; t++) row[t] = mu + sd * z();
    rows.push(row);
  }
  return rows;
}

/** Asserts `values` non-decreasing. */
export function isNonDecreasing(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}
