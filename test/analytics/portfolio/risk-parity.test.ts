import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  equalRiskContributionPortfolio,
  riskBudgetPortfolio,
  riskContributions,
} from '../../../src/analytics/portfolio/risk-parity.js';
import { close } from './assert-close.js';

test('two assets: w₁ = σ₂/(σ₁ + σ₂) for any correlation (Maillard, Roncalli & Teïletche 2010, §2.1)', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      fc.double({ min: -0.95, max: 0.95, noNaN: true }),
      (s1, s2, rho) => {
        const w = equalRiskContributionPortfolio([
          [s1 * s1, rho * s1 * s2],
          [rho * s1 * s2, s2 * s2],
        ]);
        close(w[0], s2 / (s1 + s2), 1e-12, 'w1');
        close(w[1], s1 / (s1 + s2), 1e-12, 'w2');
      },
    ),
    { numRuns: 200, seed: 3 },
  );
});

test('ERC: every risk contribution equals 1/N to 1e-10 (random covariance matrices)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 36, maxLength: 36 }),
      fc.integer({ min: 2, max: 6 }),
      (entries, n) => {
        const a = Array.from({ length: n }, (_, i) => entries.slice(6 * i, 6 * i + n));
        const sigma = a.map((ri, i) =>
          a.map((rj, j) => ri.reduce((s, v, k) => s + v * rj[k], 0) + (i === j ? 0.01 : 0)),
        );
        const w = equalRiskContributionPortfolio(sigma);
        const rc = riskContributions(w, sigma);
        rc.relative.forEach((r) => {
          close(r, 1 / n, 1e-10, 'RC');
        });
        close(
          rc.absolute.reduce((s, v) => s + v, 0),
          rc.volatility,
          1e-14,
          'Euler',
        );
        assert.ok(w.every((x) => x > 0));
        close(
          w.reduce((s, v) => s + v, 0),
          1,
          1e-14,
        );
      },
    ),
    { numRuns: 100, seed: 9 },
  );
});

test('risk budgets: relative contributions match the budgets; uncorrelated ERC is inverse volatility', () => {
  const sigma = [
    [0.04, 0.01, 0],
    [0.01, 0.09, 0.02],
    [0, 0.02, 0.16],
  ];
  const w = riskBudgetPortfolio(sigma, [0.5, 0.3, 0.2]);
  riskContributions(w, sigma).relative.forEach((r, i) => {
    close(r, [0.5, 0.3, 0.2][i], 1e-12);
  });
  // Uncorrelated assets: wᵢ ∝ 1/σᵢ (MRT 2010 §2.2), here 1/0.2 : 1/0.3 : 1/0.4.
  const diagonal = equalRiskContributionPortfolio([
    [0.04, 0, 0],
    [0, 0.09, 0],
    [0, 0, 0.16],
  ]);
  const inverse = [5, 10 / 3, 2.5];
  const total = inverse.reduce((a, b) => a + b, 0);
  diagonal.forEach((x, i) => {
    close(x, inverse[i] / total, 1e-14);
  });
  assert.throws(() => riskBudgetPortfolio(sigma, [1, 0, 1]), /budgets\[1\] must be a finite number > 0/);
});
