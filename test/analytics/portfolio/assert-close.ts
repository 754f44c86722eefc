/** The portfolio tests' tolerance assertion. */
import assert from 'node:assert/strict';

/** Asserts |actual − expected| ≤ tolerance, naming `what` and both values on failure. */
export function close(actual: number, expected: number, tolerance: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} vs ${expected} (±${tolerance})`);
}
