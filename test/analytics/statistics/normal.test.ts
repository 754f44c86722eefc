/** Cody's Φ: continuity at its range boundaries, Φ − ½ near 0, symmetry (the mpmath references are in test/research/diagnostics). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { normalCdf, normalCdfMinusHalf, normalPdf } from '../../../src/analytics/statistics/normal.js';

function close(actual: number, expected: number, rel: number): void {
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.abs(expected),
    `${actual} is not within ${rel} (relative) of ${expected}`,
  );
}

describe('normal CDF (Cody 1969)', () => {
  test('continuous across the range boundaries 0.67448975 and √32', () => {
    for (const boundary of [0.67448975, Math.sqrt(32)]) {
      // Lower side only: on the upper side the step is below the ulps of Φ ≈ 1.
      for (const x of [-boundary]) {
        const below = normalCdf(x - 1e-12);
        const above = normalCdf(x + 1e-12);
        close(above - below, 2e-12 * normalPdf(x), 1e-3);
      }
    }
  });
  test('Φ(x) − ½ = x·φ(0)·(1 − x²/6 + …) near 0, to full relative precision', () => {
    for (const x of [1e-300, 1e-12, -3e-9, 1e-5])
      close(normalCdfMinusHalf(x), (x / Math.sqrt(2 * Math.PI)) * (1 - (x * x) / 6), 1e-15);
    assert.equal(normalCdfMinusHalf(0), 0);
    close(normalCdfMinusHalf(2), normalCdf(2) - 0.5, 1e-15);
    close(normalCdfMinusHalf(-7), normalCdf(-7) - 0.5, 1e-15);
  });
  test('Φ(x) + Φ(−x) = 1 and Φ increasing (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        close(normalCdf(x) + normalCdf(-x), 1, 2e-16);
        assert.ok(normalCdf(x + 1e-3) >= normalCdf(x));
      }),
      { numRuns: 500, seed: 31 },
    );
    assert.ok(Number.isNaN(normalCdf(Number.NaN)));
    assert.ok(Number.isNaN(normalCdfMinusHalf(Number.NaN)));
  });
});
