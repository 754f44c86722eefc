import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  kolmogorovCdf,
  kolmogorovSmirnovCdfExact,
  kolmogorovSmirnovPValueStephens,
  kolmogorovSurvival,
} from '../../../src/analytics/statistics/kolmogorov.js';

/** λ with Q_KS(λ) = alpha, by bisection (Q_KS is decreasing). */
function criticalValue(alpha: number): number {
  let low = 0.2;
  let high = 3;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (kolmogorovSurvival(mid) > alpha) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

describe('Kolmogorov distribution', () => {
  it('reproduces the asymptotic critical values c(0.05) = 1.358, c(0.01) = 1.628, c(0.10) = 1.224', () => {
    // Smirnov (1948) table; Massey (1951), J. Amer. Statist. Assoc. 46, Table 1, "over 35" row: 1.36/√n, 1.63/√n.
    assert.equal(criticalValue(0.05).toFixed(3), '1.358');
    assert.equal(criticalValue(0.01).toFixed(3), '1.628');
    assert.equal(criticalValue(0.1).toFixed(3), '1.224');
  });

  it('joins its two series continuously and tends to the right limits', () => {
    for (const lambda of [1.17, 1.18, 1.19]) {
      // Both series are exact; compare the small-λ form (via CDF) with the alternating form.
      let alternating = 0;
      for (let j = 1; j <= 50; j++)
        alternating += 2 * (-1) ** (j - 1) * Math.exp(-2 * j * j * lambda * lambda);
      assert.ok(Math.abs(kolmogorovSurvival(lambda) - alternating) < 1e-14);
    }
    assert.equal(kolmogorovSurvival(0), 1);
    assert.ok(kolmogorovSurvival(0.2) > 0.999999);
    assert.ok(kolmogorovSurvival(5) < 1e-20);
    assert.ok(Math.abs(kolmogorovCdf(1) + kolmogorovSurvival(1) - 1) < 1e-15);
  });

  it('exact one-sample CDF matches Marsaglia, Tsang & Wang (2003): K(10, 0.274) = 0.6284796154565043', () => {
    // MTW 2003, J. Statist. Software 8(18), the worked example in §3.
    assert.ok(Math.abs(kolmogorovSmirnovCdfExact(10, 0.274) - 0.6284796154565043) < 1e-13);
  });

  it('exact CDF for n = 1 equals the closed form P(D₁ < d) = 2d − 1 (d ≥ 1/2)', () => {
    for (const d of [0.55, 0.7, 0.9, 0.975])
      assert.ok(Math.abs(kolmogorovSmirnovCdfExact(1, d) - (2 * d - 1)) < 1e-13);
    assert.equal(kolmogorovSmirnovCdfExact(3, 0), 0);
  });

  it('reproduces Massey (1951) Table 1 small-n critical values (published to 2–3 digits)', () => {
    // Massey (1951), "The Kolmogorov-Smirnov test for goodness of fit", JASA 46, Table 1.
    const table: [number, number, number][] = [
      [5, 0.05, 0.565],
      [10, 0.05, 0.409],
      [20, 0.05, 0.294],
      [10, 0.01, 0.49],
      [20, 0.01, 0.356],
    ];
    for (const [n, alpha, d] of table) {
      const p = 1 - kolmogorovSmirnovCdfExact(n, d);
      assert.ok(Math.abs(p - alpha) < 0.15 * alpha, `n=${n} d=${d}: p=${p} vs ${alpha}`);
      // Stephens' approximation lands close to the exact value at these sizes.
      assert.ok(Math.abs(kolmogorovSmirnovPValueStephens(d, n) - p) < 0.15 * alpha);
    }
  });

  it('rejects statistics outside [0, 1]', () => {
    assert.throws(
      () => kolmogorovSmirnovPValueStephens(1.2, 10),
      /^RangeError: statistic must be in \[0, 1\]/,
    );
    assert.throws(() => kolmogorovSmirnovCdfExact(0, 0.5), /^RangeError: n must be an integer >= 1/);
  });
});
