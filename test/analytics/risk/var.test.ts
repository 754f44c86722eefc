import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cornishFisherQuantile,
  cornishFisherVar,
  historicalVar,
  logReturns,
  normalMonteCarloVar,
  normalVar,
  overlappingReturns,
  sampleMoments,
  simpleReturns,
} from '../../../src/analytics/risk/index.js';
import { normalQuantile } from '../../../src/analytics/statistics/normal.js';

test('returns: log and simple returns by hand', () => {
  assert.deepEqual(simpleReturns([100, 110, 99]), [0.10000000000000009, -0.09999999999999998]);
  const log = logReturns([100, 110, 99]);
  assert.ok(Math.abs(log[0] - Math.log(1.1)) < 1e-15 && Math.abs(log[1] - Math.log(0.9)) < 1e-15);
  assert.deepEqual(overlappingReturns([1, 2, 3, 4], 2), [3, 5, 7]);
  assert.throws(() => logReturns([100, -1]), /prices\[1\] must be a finite number > 0, got -1/);
});

test('historical VaR/CVaR on a hand-made sample (type-7 quantile, mean of losses >= VaR)', () => {
  // Losses 1..100 (returns −0.01..−1.00 shuffled order irrelevant): at c = 0.95 the type-7 quantile is
  // h = 99·0.95 = 94.05 → x[94] + 0.05·(x[95] − x[94]) = 95 + 0.05 = 95.05 (in hundredths).
  const returns = Array.from({ length: 100 }, (_, i) => -((i * 37) % 100) / 100 - 0.01);
  const { valueAtRisk, expectedShortfall } = historicalVar(returns, 0.95);
  assert.ok(Math.abs(valueAtRisk - 0.9505) < 1e-12);
  // Losses ≥ 0.9505: 0.96..1.00, mean 0.98.
  assert.ok(Math.abs(expectedShortfall - 0.98) < 1e-12);
  assert.throws(() => historicalVar(returns, 1.5), /confidence must be a number in \(0, 1\)/);
});

test('historical VaR over h days uses overlapping h-day sums', () => {
  const returns = [0.01, -0.02, 0.03, -0.04, 0.05];
  // 2-day sums: −0.01, 0.01, −0.01, 0.01 → losses 0.01, −0.01, 0.01, −0.01; c = 0.5: type-7 median 0,
  // and the mean of the losses ≥ it is 0.01.
  assert.ok(Math.abs(historicalVar(returns, 0.5, 2).valueAtRisk) < 1e-15);
  assert.ok(Math.abs(historicalVar(returns, 0.5, 2).expectedShortfall - 0.01) < 1e-12);
});

test('normal VaR and ES match the published standard-normal multiples', () => {
  // Standard normal loss: VaR_α = Φ⁻¹(α), ES_α = φ(Φ⁻¹(α))/(1 − α) (McNeil, Frey & Embrechts,
  // "Quantitative Risk Management", 2005, §2.2.4): from normal tables Φ⁻¹(0.99) = 2.326 and
  // φ(2.326)/0.01 = 2.665; Φ⁻¹(0.95) = 1.645 and φ(1.645)/0.05 = 2.063 (the values QRM quotes).
  const at99 = normalVar(0, 1, 0.99);
  assert.ok(Math.abs(at99.valueAtRisk - 2.326) < 5e-4 && Math.abs(at99.expectedShortfall - 2.665) < 5e-4);
  const at95 = normalVar(0, 1, 0.95);
  assert.ok(Math.abs(at95.valueAtRisk - 1.645) < 5e-4 && Math.abs(at95.expectedShortfall - 2.063) < 5e-4);
  // Closed form with drift and √h: VaR = σ√h·z − μh.
  const tenDay = normalVar(0.001, 0.02, 0.99, 10);
  assert.ok(Math.abs(tenDay.valueAtRisk - (0.02 * Math.sqrt(10) * normalQuantile(0.99) - 0.01)) < 1e-15);
  assert.throws(() => normalVar(0, -1, 0.99), /stdDev must be a finite number > 0, got -1/);
});

test('Cornish-Fisher reduces to the normal when skewness = excess kurtosis = 0', () => {
  const moments = { mean: 0.0005, stdDev: 0.012, skewness: 0, excessKurtosis: 0 };
  for (const c of [0.9, 0.95, 0.99, 0.999]) {
    const cf = cornishFisherVar(moments, c, 5);
    const n = normalVar(0.0005, 0.012, c, 5);
    assert.ok(Math.abs(cf.valueAtRisk - n.valueAtRisk) < 1e-15);
    assert.ok(Math.abs(cf.expectedShortfall - n.expectedShortfall) < 1e-14);
  }
});

test('Cornish-Fisher ES equals the tail mean of the CF quantile (brute-force quadrature)', () => {
  const moments = { mean: 0, stdDev: 1, skewness: -0.6, excessKurtosis: 2.5 };
  const c = 0.99;
  // Midpoint rule on u ∈ (c, 1) with u = 1 − (1 − c)·e^{−s}, s ∈ (0, 40): independent of the closed form.
  const steps = 40_000;
  let integral = 0;
  for (let i = 0; i < steps; i++) {
    const s = ((i + 0.5) * 40) / steps;
    const tail = (1 - c) * Math.exp(-s);
    const lossQuantile = -cornishFisherQuantile(normalQuantile(tail), -0.6, 2.5);
    integral += lossQuantile * tail * (40 / steps);
  }
  const cf = cornishFisherVar(moments, c);
  assert.ok(
    Math.abs(cf.expectedShortfall - integral / (1 - c)) < 1e-6,
    `${cf.expectedShortfall} vs ${integral / (1 - c)}`,
  );
  assert.ok(Math.abs(cf.valueAtRisk - -cornishFisherQuantile(normalQuantile(0.01), -0.6, 2.5)) < 1e-12);
  // Negative skew and fat tails raise the 99 % VaR above the normal's.
  assert.ok(cf.valueAtRisk > normalVar(0, 1, c).valueAtRisk);
});

test('sample moments by hand: skewness and excess kurtosis of a small sample', () => {
  // x = 1, 2, 3, 10: mean 4, deviations −3 −2 −1 6; m2 = 50/4, m3 = (−27 −8 −1 + 216)/4 = 45,
  // m4 = (81 + 16 + 1 + 1296)/4 = 348.5; g1 = 45/12.5^1.5, g2 = 348.5/156.25 − 3.
  const m = sampleMoments([1, 2, 3, 10]);
  assert.equal(m.mean, 4);
  assert.ok(Math.abs(m.skewness - 45 / 12.5 ** 1.5) < 1e-12);
  assert.ok(Math.abs(m.excessKurtosis - (348.5 / 156.25 - 3)) < 1e-12);
});

test('Monte Carlo normal VaR converges to the closed form within its standard error', () => {
  const exact = normalVar(0.0002, 0.01, 0.99, 5);
  const mc = normalMonteCarloVar(0.0002, 0.01, 0.99, { paths: 20_000, seed: 7, horizon: 5 });
  assert.ok(
    Math.abs(mc.valueAtRisk - exact.valueAtRisk) < 3 * mc.standardError,
    `${mc.valueAtRisk} vs ${exact.valueAtRisk}`,
  );
  assert.ok(Math.abs(mc.expectedShortfall - exact.expectedShortfall) < 0.03 * exact.expectedShortfall);
  // Seeded: the same seed gives the same estimate.
  assert.equal(
    normalMonteCarloVar(0.0002, 0.01, 0.99, { paths: 2000, seed: 3 }).valueAtRisk,
    normalMonteCarloVar(0.0002, 0.01, 0.99, { paths: 2000, seed: 3 }).valueAtRisk,
  );
});
