import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cholesky } from '../../../src/analytics/numerics/matrix.js';
import {
  ewmaCovariance,
  ledoitWolfCovariance,
  meanReturns,
  sampleCovarianceMatrix,
  simpleReturns,
} from '../../../src/analytics/portfolio/covariance.js';
import { mulberry32, normalGenerator } from '../../../src/analytics/statistics/random.js';
import { close } from './assert-close.js';

/** Correlated normal draws x = L·z with Σ = LLᵀ (seeded). */
function draws(sigma: number[][], rows: number, seed: number): number[][] {
  const l = cholesky(sigma);
  const z = normalGenerator(mulberry32(seed));
  return Array.from({ length: rows }, () => {
    const e = sigma.map(() => z());
    return l.map((row) => row.reduce((s, v, k) => s + v * e[k], 0));
  });
}

test('sample covariance and means match a hand computation', () => {
  // x = [1, 2, 3], y = [2, 4, 7]: means 2 and 13/3; var x = 1, var y = 6.3333…, cov = 2.5 (divide by n − 1).
  const r = [
    [1, 2],
    [2, 4],
    [3, 7],
  ];
  assert.deepEqual(meanReturns(r), [2, 13 / 3]);
  const s = sampleCovarianceMatrix(r);
  close(s[0][0], 1, 1e-15);
  close(s[0][1], 2.5, 1e-15);
  close(s[1][0], 2.5, 1e-15);
  close(s[1][1], 19 / 3, 1e-14);
});

test('simple returns of prices', () => {
  assert.deepEqual(
    simpleReturns([
      [100, 50],
      [110, 40],
      [99, 50],
    ]).map((row) => row.map((v) => Number(v.toFixed(12)))),
    [
      [0.1, -0.2],
      [-0.1, 0.25],
    ],
  );
  assert.throws(
    () =>
      simpleReturns([
        [0, 1],
        [1, 1],
      ]),
    /prices\[0\]\[0\] must be > 0/,
  );
});

test('EWMA: RiskMetrics (1996) recursion with λ = 0.94 on a two-period hand case', () => {
  // Σ₁ = r₁r₁ᵀ = [[1, 2], [2, 4]]; Σ₂ = 0.94·Σ₁ + 0.06·r₂r₂ᵀ with r₂ = (3, −1):
  // [[0.94 + 0.54, 1.88 − 0.18], [1.88 − 0.18, 3.76 + 0.06]] = [[1.48, 1.70], [1.70, 3.82]].
  const s = ewmaCovariance([
    [1, 2],
    [3, -1],
  ]);
  close(s[0][0], 1.48, 1e-14);
  close(s[0][1], 1.7, 1e-14);
  close(s[1][0], 1.7, 1e-14);
  close(s[1][1], 3.82, 1e-14);
  assert.throws(() => ewmaCovariance([[1]], 1), /decay must be a number in \(0, 1\)/);
});

test('Ledoit–Wolf (2004): formulas against an independent brute-force evaluation', () => {
  const returns = draws(
    [
      [0.04, 0.01, 0.0],
      [0.01, 0.09, 0.02],
      [0.0, 0.02, 0.01],
    ],
    30,
    7,
  );
  const estimate = ledoitWolfCovariance(returns);
  // Brute force: b̄² through the identity Σ_t‖x_t x_tᵀ − S‖² = Σ_t‖x_t‖⁴ − T‖S‖²_F (the mean of x_t x_tᵀ is S),
  // d² = ‖S‖²_F/N − m², everything with the sample covariance rescaled to divide by T.
  const t = returns.length;
  const n = 3;
  const s = sampleCovarianceMatrix(returns).map((row) => row.map((v) => (v * (t - 1)) / t));
  const mu = meanReturns(returns);
  const m = (s[0][0] + s[1][1] + s[2][2]) / n;
  const frobenius = s.flat().reduce((a, v) => a + v * v, 0);
  const d2 = frobenius / n - m * m;
  const fourth = returns.reduce((a, row) => a + row.reduce((q, v, i) => q + (v - mu[i]) ** 2, 0) ** 2, 0);
  const bBar2 = (fourth - t * frobenius) / n / (t * t);
  const delta = Math.min(bBar2, d2) / d2;
  close(estimate.shrinkage, delta, 1e-12, 'shrinkage');
  close(estimate.targetVariance, m, 1e-15, 'm');
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const expected = (1 - delta) * s[i][j] + (i === j ? delta * m : 0);
      close(estimate.covariance[i][j], expected, 1e-15, `Σ*[${i}][${j}]`);
    }
  }
});

test('Ledoit–Wolf properties: δ ∈ [0, 1], trace kept, well-conditioned when N > T', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 2, max: 12 }),
      fc.integer(),
      (n, t, seed) => {
        const identity = Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)),
        );
        const returns = draws(identity, t, seed);
        const { shrinkage, covariance, sampleCovariance, targetVariance } = ledoitWolfCovariance(returns);
        assert.ok(shrinkage >= 0 && shrinkage <= 1);
        const trace = (a: number[][]) => a.reduce((s, row, i) => s + row[i], 0);
        close(trace(covariance), trace(sampleCovariance), 1e-12);
        // Σ* − δ m I = (1 − δ)S is positive semi-definite, so Σ* is positive definite when δ m > 0.
        if (shrinkage > 1e-6 && targetVariance > 0) assert.doesNotThrow(() => cholesky(covariance));
      },
    ),
    { numRuns: 60, seed: 11 },
  );
});

test('Ledoit–Wolf shrinkage vanishes as T grows with N fixed (consistency, LW 2004 Theorem 3.1)', () => {
  const sigma = [
    [1, 0.5],
    [0.5, 2],
  ];
  const small = ledoitWolfCovariance(draws(sigma, 20, 3)).shrinkage;
  const large = ledoitWolfCovariance(draws(sigma, 5000, 3)).shrinkage;
  assert.ok(large < 0.01, `δ(T = 5000) = ${large}`);
  assert.ok(large < small);
});
