import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chiSquareCdf,
  chiSquareSurvival,
  chiSquareUpperQuantile,
} from '../../../src/analytics/statistics/chi-square.js';
import { normalCdf } from '../../../src/analytics/statistics/normal.js';

describe('chi-square distribution', () => {
  it('reproduces Abramowitz & Stegun (1964) Table 26.8 upper percentage points (6 significant digits)', () => {
    // A&S Table 26.8, χ²(Q|ν) with Q the upper-tail probability.
    const table: [number, number, number][] = [
      [1, 0.05, 3.84146],
      [2, 0.05, 5.99146],
      [5, 0.05, 11.0705],
      [10, 0.05, 18.307],
      [10, 0.01, 23.2093],
      [30, 0.05, 43.773],
      [100, 0.05, 124.342],
    ];
    for (const [dof, alpha, x] of table) {
      const quantile = chiSquareUpperQuantile(alpha, dof);
      assert.ok(Math.abs(quantile - x) <= 6e-6 * x, `χ²(${dof}) upper ${alpha}: ${quantile} vs ${x}`);
      assert.ok(Math.abs(chiSquareSurvival(x, dof) - alpha) < 1e-5 * alpha * 10, `survival at ${x}`);
    }
  });

  it('matches closed forms: ν = 2 survival e^{−x/2}, ν = 4 survival e^{−x/2}(1 + x/2), ν = 1 CDF 2Φ(√x) − 1', () => {
    for (const x of [0.1, 1, 5, 20, 100, 1000]) {
      const s2 = chiSquareSurvival(x, 2);
      assert.ok(Math.abs(s2 - Math.exp(-x / 2)) <= 1e-13 * Math.exp(-x / 2), `ν=2 x=${x}`);
      const s4 = Math.exp(-x / 2) * (1 + x / 2);
      assert.ok(Math.abs(chiSquareSurvival(x, 4) - s4) <= 1e-12 * s4, `ν=4 x=${x}`);
    }
    for (const x of [0.01, 1, 4])
      assert.ok(Math.abs(chiSquareCdf(x, 1) - (2 * normalCdf(Math.sqrt(x)) - 1)) < 1e-13);
  });

  it('stays accurate far in the upper tail (ν = 1, x = 1000: 2Φ(−√1000) ≈ 1.8e-219)', () => {
    const expected = 2 * normalCdf(-Math.sqrt(1000));
    assert.ok(expected > 0 && expected < 1e-200);
    assert.ok(Math.abs(chiSquareSurvival(1000, 1) - expected) <= 1e-9 * expected);
  });

  it('accepts non-integer dof: CDF + survival = 1, CDF increasing', () => {
    let previous = 0;
    for (const x of [0.1, 0.5, 1, 2, 4, 8]) {
      const cdf = chiSquareCdf(x, 2.7);
      assert.ok(Math.abs(cdf + chiSquareSurvival(x, 2.7) - 1) < 1e-14);
      assert.ok(cdf > previous);
      previous = cdf;
    }
    assert.equal(chiSquareCdf(-1, 3), 0);
    assert.equal(chiSquareSurvival(0, 3), 1);
  });

  it('rejects bad arguments naming them', () => {
    assert.throws(() => chiSquareCdf(1, 0), /^RangeError: dof must be a finite number > 0, got 0/);
    assert.throws(() => chiSquareSurvival(Number.NaN, 2), /^RangeError: x must be a finite number/);
    assert.throws(() => chiSquareUpperQuantile(1.5, 2), /^RangeError: alpha must be in \(0, 1\)/);
  });
});
