import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { inverseSymmetricPositiveDefinite, multiplyVector } from '../../../src/analytics/numerics/matrix.js';
import {
  maximumSharpePortfolio,
  maximumUtilityPortfolio,
  minimumVariancePortfolio,
  portfolioPerformance,
  targetReturnPortfolio,
  targetVolatilityPortfolio,
} from '../../../src/analytics/portfolio/mean-variance.js';
import { solveQuadraticProgram } from '../../../src/analytics/portfolio/quadratic-program.js';
import { close } from './assert-close.js';

const SIGMA = [
  [0.04, 0.006, 0.002],
  [0.006, 0.09, 0.009],
  [0.002, 0.009, 0.0225],
];
const MU = [0.08, 0.12, 0.05];
const FREE = { lower: Number.NEGATIVE_INFINITY, upper: Number.POSITIVE_INFINITY };
const variance = (w: number[]) => w.reduce((s, wi, i) => s + wi * multiplyVector(SIGMA, w)[i], 0);

/** Σ⁻¹v / 1ᵀΣ⁻¹v: the unconstrained minimum-variance (v = 1) and tangency (v = μ − r) closed forms (Merton 1972). */
function normalisedInverseTimes(v: number[]): number[] {
  const x = multiplyVector(inverseSymmetricPositiveDefinite(SIGMA), v);
  const total = x.reduce((a, b) => a + b, 0);
  return x.map((xi) => xi / total);
}

test('unconstrained minimum variance equals Σ⁻¹1/(1ᵀΣ⁻¹1)', () => {
  const w = minimumVariancePortfolio(SIGMA, FREE);
  normalisedInverseTimes([1, 1, 1]).forEach((e, i) => {
    close(w[i], e, 1e-12, `w[${i}]`);
  });
});

test('unconstrained maximum Sharpe equals Σ⁻¹(μ − r)/1ᵀΣ⁻¹(μ − r)', () => {
  const r = 0.02;
  const w = maximumSharpePortfolio(SIGMA, MU, r, FREE);
  normalisedInverseTimes(MU.map((m) => m - r)).forEach((e, i) => {
    close(w[i], e, 1e-13, `w[${i}]`);
  });
});

test('mean-variance utility with Π = δΣw_mkt recovers w_mkt (reverse optimisation)', () => {
  const market = [0.5, 0.2, 0.3];
  const pi = multiplyVector(SIGMA, market).map((v) => 2.5 * v);
  const w = maximumUtilityPortfolio(SIGMA, pi, 2.5, FREE);
  market.forEach((m, i) => {
    close(w[i], m, 1e-12);
  });
});

/** Brute force: the fully invested grid portfolio (step 1/400) within bounds with the least variance. */
function bruteForceMinimumVariance(lower: number, upper: number): number[] {
  let best: number[] = [];
  let bestVariance = Number.POSITIVE_INFINITY;
  const steps = 400;
  for (let a = 0; a <= steps; a++) {
    for (let b = 0; a + b <= steps; b++) {
      const w = [a / steps, b / steps, (steps - a - b) / steps];
      if (w.some((x) => x < lower - 1e-12 || x > upper + 1e-12)) continue;
      const v = variance(w);
      if (v < bestVariance) {
        bestVariance = v;
        best = w;
      }
    }
  }
  return best;
}

test('bounded minimum variance matches a brute-force grid search (3 assets, 0 ≤ w ≤ 0.4)', () => {
  const w = minimumVariancePortfolio(SIGMA, { lower: 0, upper: 0.4 });
  const grid = bruteForceMinimumVariance(0, 0.4);
  assert.ok(variance(w) <= variance(grid) + 1e-15);
  w.forEach((wi, i) => {
    close(wi, grid[i], 2.5e-3, `w[${i}]`);
  });
  close(
    w.reduce((a, b) => a + b, 0),
    1,
    1e-14,
  );
  assert.ok(w.every((x) => x >= 0 && x <= 0.4));
});

test('infeasible constraint sets give a RangeError that says why', () => {
  assert.throws(
    () => minimumVariancePortfolio(SIGMA, { lower: 0, upper: 0.3 }),
    /upper bounds sum to 0\.89+\d* < 1/,
  );
  assert.throws(
    () => minimumVariancePortfolio(SIGMA, { lower: 0.4, upper: 1 }),
    /lower bounds sum to 1\.2.* > 1/,
  );
  assert.throws(
    () => minimumVariancePortfolio(SIGMA, { lower: [0, 0.5, 0], upper: [1, 0.4, 1] }),
    /lower 0\.5 is above upper 0\.4/,
  );
  assert.throws(
    () => targetReturnPortfolio(SIGMA, MU, 0.2, {}),
    /targetReturn 0\.2 is not attainable.* between 0\.05 and 0\.12/,
  );
  assert.throws(
    () => maximumSharpePortfolio(SIGMA, MU, 0.15, {}),
    /riskFreeRate 0\.15: no fully invested portfolio/,
  );
  assert.throws(
    () => targetVolatilityPortfolio(SIGMA, MU, 0.01, {}),
    /below the minimum-variance volatility/,
  );
});

test('target return and target volatility portfolios hit their targets', () => {
  const w = targetReturnPortfolio(SIGMA, MU, 0.1, { upper: 0.8 });
  close(portfolioPerformance(w, SIGMA, MU).expectedReturn, 0.1, 1e-14);
  const v = targetVolatilityPortfolio(SIGMA, MU, 0.18, {});
  close(portfolioPerformance(v, SIGMA, MU).volatility, 0.18, 1e-9);
});

const spd = fc
  .tuple(
    fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 16, maxLength: 16 }),
    fc.integer({ min: 2, max: 4 }),
  )
  .map(([entries, n]) => {
    // Σ = AAᵀ + 0.05 I is symmetric positive definite.
    const a = Array.from({ length: n }, (_, i) => entries.slice(4 * i, 4 * i + n));
    return a.map((ri, i) =>
      a.map((rj, j) => ri.reduce((s, v, k) => s + v * rj[k], 0) + (i === j ? 0.05 : 0)),
    );
  });

test('QP solutions satisfy the KKT conditions (random Σ, linear term, bounds)', () => {
  fc.assert(
    fc.property(
      spd,
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
      fc.double({ min: 0.5, max: 1, noNaN: true }),
      fc.double({ min: -0.5, max: 0, noNaN: true }),
      (hessian, c, upper, lower) => {
        const n = hessian.length;
        const linear = c.slice(0, n);
        const start = new Array<number>(n).fill(1 / n);
        const problem = {
          hessian,
          linear,
          equalityMatrix: [new Array<number>(n).fill(1)],
          equalityTarget: [1],
          lower: new Array<number>(n).fill(lower),
          upper: new Array<number>(n).fill(upper),
        };
        const s = solveQuadraticProgram(problem, start);
        const gradient = multiplyVector(hessian, s.x).map((g, i) => g + linear[i]);
        for (let i = 0; i < n; i++) {
          // Stationarity: ∇f + ν·1 − λ_lo + λ_hi = 0.
          const residual =
            gradient[i] + s.equalityMultipliers[0] - s.lowerMultipliers[i] + s.upperMultipliers[i];
          close(residual, 0, 1e-10, `stationarity ${i}`);
          // Dual feasibility, primal feasibility and complementary slackness.
          assert.ok(s.lowerMultipliers[i] >= -1e-12 && s.upperMultipliers[i] >= -1e-12);
          assert.ok(s.x[i] >= lower - 1e-12 && s.x[i] <= upper + 1e-12);
          close(s.lowerMultipliers[i] * (s.x[i] - lower), 0, 1e-12, 'slack lo');
          close(s.upperMultipliers[i] * (upper - s.x[i]), 0, 1e-12, 'slack hi');
        }
        close(
          s.x.reduce((a, b) => a + b, 0),
          1,
          1e-12,
          'budget',
        );
      },
    ),
    { numRuns: 150, seed: 5 },
  );
});

test('QP rejects an infeasible start', () => {
  assert.throws(
    () =>
      solveQuadraticProgram(
        { hessian: [[1]], linear: [0], equalityMatrix: [[1]], equalityTarget: [1] },
        [0.5],
      ),
    /start violates equality constraint 0/,
  );
});
