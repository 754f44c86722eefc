/** Standard normal CDF and quantile against 40-digit references (mpmath), and their identities. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { normalCdf, normalPdf, normalQuantile } from '../../../src/research/diagnostics/index.js';

/** |a − b| ≤ rel·|b| */
function close(actual: number, expected: number, rel: number): void {
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.abs(expected),
    `${actual} is not within ${rel} (relative) of ${expected}`,
  );
}

// Φ(x) computed with mpmath.ncdf at 40 digits, rounded to the nearest double.
const CDF: readonly [number, number][] = [
  [-37, 5.725571222524577e-300],
  [-20, 2.7536241186062337e-89],
  [-10, 7.619853024160525e-24],
  [-5, 2.866515718791939e-7],
  [-3, 0.0013498980316300946],
  [-2, 0.02275013194817921],
  [-1.5, 0.06680720126885807],
  [-1, 0.15865525393145705],
  [-0.5, 0.3085375387259869],
  [0.3, 0.6179114221889527],
  [1, 0.8413447460685429],
  [1.96, 0.9750021048517795],
  [3, 0.9986501019683699],
];

// Φ⁻¹(p): mpmath root of Φ(x) = p at 40 digits, rounded to the nearest double.
const QUANTILE: readonly [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-20, -9.262340089798407],
  [1e-10, -6.361340902404057],
  [0.001, -3.0902323061678136],
  [0.02425, -1.972961051311885],
  [0.3, -0.5244005127080408],
  [0.975, 1.9599639845400543],
  [0.99, 2.326347874040841],
];

describe('standard normal distribution', () => {
  test('Φ matches 40-digit references to a few ulps, tails included', () => {
    for (const [x, expected] of CDF) close(normalCdf(x), expected, 1e-15);
    assert.equal(normalCdf(0), 0.5);
    assert.equal(normalCdf(-40), 0);
    assert.equal(normalCdf(40), 1);
    assert.ok(Number.isNaN(normalCdf(Number.NaN)));
    close(normalPdf(0), 1 / Math.sqrt(2 * Math.PI), 1e-16);
  });

  test('Φ⁻¹ matches 40-digit references to a few ulps; 0 and 1 map to ∓∞', () => {
    for (const [p, expected] of QUANTILE) close(normalQuantile(p), expected, 1e-15);
    assert.equal(normalQuantile(0.5), 0);
    assert.equal(normalQuantile(0), Number.NEGATIVE_INFINITY);
    assert.equal(normalQuantile(1), Number.POSITIVE_INFINITY);
    assert.throws(() => normalQuantile(1.5), /^RangeError: p must be a probability in \[0, 1\], got 1.5$/);
    assert.throws(() => normalQuantile(Number.NaN), /^RangeError: p must be a finite number, got NaN$/);
  });

  test('properties: Φ(Φ⁻¹(p)) = p, symmetry, monotonicity', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (p) => {
        const x = normalQuantile(p);
        // Rounding x to a double moves Φ(x) by a relative x²·ε: the tolerance follows that conditioning.
        close(normalCdf(x), p, 1e-14 * Math.max(1, x * x));
        assert.ok(normalQuantile(1 - p) === -normalQuantile(1 - (1 - p))); // === : 0 and −0 agree
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: -38, max: 38, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (x, d) => {
          assert.ok(normalCdf(x + d) >= normalCdf(x));
          close(normalCdf(x) + normalCdf(-x), 1, 1e-15);
        },
      ),
    );
  });
});
