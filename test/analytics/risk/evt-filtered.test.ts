import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  evtVar,
  ewmaVariances,
  filteredVar,
  fitGarch11,
  fitGpd,
  fitTail,
  garchUpdate,
  garchVariances,
  gpdLogLikelihood,
  gpdQuantile,
  historicalVar,
  simulatePathReturns,
  tailRisk,
} from '../../../src/analytics/risk/index.js';
import { mulberry32, normalGenerator } from '../../../src/analytics/statistics/random.js';

test('GPD quantile inverts the distribution function, with the exponential limit at ξ = 0', () => {
  // G(y) = 1 − (1 + ξy/β)^(−1/ξ) (QRM 2005 eq. 7.9): G(G⁻¹(p)) = p.
  for (const p of [0.1, 0.5, 0.99]) {
    const y = gpdQuantile(p, { shape: 0.3, scale: 2 });
    assert.ok(Math.abs(1 - (1 + (0.3 * y) / 2) ** (-1 / 0.3) - p) < 1e-13);
    assert.ok(Math.abs(gpdQuantile(p, { shape: 0, scale: 2 }) + 2 * Math.log(1 - p)) < 1e-13);
  }
});

test('GPD maximum likelihood recovers known parameters from a seeded sample', () => {
  const uniform = mulberry32(2024);
  const truth = { shape: 0.25, scale: 0.8 };
  const sample = Array.from({ length: 2000 }, () => gpdQuantile(uniform(), truth));
  const fit = fitGpd(sample);
  // Asymptotic s.e. (Smith 1987): sd(ξ) = (1 + ξ)/√n ≈ 0.028, sd(β)/β = √(2(1 + ξ)/n) ≈ 0.035; 3 s.e.
  assert.ok(Math.abs(fit.shape - truth.shape) < 0.09, `shape ${fit.shape}`);
  assert.ok(Math.abs(fit.scale / truth.scale - 1) < 0.11, `scale ${fit.scale}`);
  // It is a maximum: nudging either parameter lowers the log-likelihood.
  const best = gpdLogLikelihood(sample, fit);
  for (const [ds, db] of [
    [0.01, 0],
    [-0.01, 0],
    [0, 0.01],
    [0, -0.01],
  ]) {
    assert.ok(gpdLogLikelihood(sample, { shape: fit.shape + ds, scale: fit.scale + db }) < best);
  }
});

test("POT VaR and ES follow McNeil & Frey's formulas and the GPD mean-excess identity", () => {
  const tail = { shape: 0.2, scale: 0.5, threshold: 1, exceedances: 100, observations: 1000 };
  const c = 0.99;
  // McNeil & Frey (2000) eq. 5: VaR = u + (β/ξ)[((n/N_u)(1 − c))^(−ξ) − 1] = 1 + 2.5(0.1^(−0.2) − 1).
  const expectedVar = 1 + 2.5 * (0.1 ** -0.2 - 1);
  const risk = tailRisk(tail, c);
  assert.ok(Math.abs(risk.valueAtRisk - expectedVar) < 1e-12);
  // ES = VaR + e(VaR − u), the GPD mean excess e(v) = (β + ξv)/(1 − ξ) (QRM 2005 eq. 7.13).
  const meanExcess = (0.5 + 0.2 * (expectedVar - 1)) / 0.8;
  assert.ok(Math.abs(risk.expectedShortfall - (expectedVar + meanExcess)) < 1e-12);
  assert.throws(() => tailRisk(tail, 0.8), /confidence must exceed the threshold's level/);
});

test('EVT VaR of an exact Pareto-tailed sample matches the true quantile', () => {
  // Losses with P(L > x) = x^(−4) for x ≥ 1 (Pareto, ξ = 0.25): true VaR_0.999 = 0.001^(−1/4) = 5.623.
  const uniform = mulberry32(11);
  const losses = Array.from({ length: 5000 }, () => (1 - uniform()) ** -0.25);
  const tail = fitTail(losses, 0.9);
  assert.ok(Math.abs(tail.shape - 0.25) < 0.08, `shape ${tail.shape}`);
  const risk = evtVar(
    losses.map((l) => -l),
    0.999,
  );
  assert.ok(Math.abs(risk.valueAtRisk / 0.001 ** -0.25 - 1) < 0.1, `VaR ${risk.valueAtRisk}`);
  // True ES of that Pareto: VaR·α/(α − 1) = 5.623 × 4/3 = 7.498.
  assert.ok(Math.abs(risk.expectedShortfall / ((0.001 ** -0.25 * 4) / 3) - 1) < 0.15);
});

test('EWMA variance follows the RiskMetrics recursion by hand', () => {
  const v = ewmaVariances([0.01, -0.02], 0.94);
  const start = (0.01 ** 2 + 0.02 ** 2) / 2;
  assert.ok(Math.abs(v[1] - (0.94 * start + 0.06 * 0.0001)) < 1e-18);
  assert.ok(Math.abs(v[2] - (0.94 * v[1] + 0.06 * 0.0004)) < 1e-18);
  assert.throws(() => ewmaVariances([0.01], 1.2), /lambda must be in \(0, 1\)/);
});

test('GARCH(1,1) maximum likelihood recovers simulated parameters', () => {
  const truth = { omega: 2e-6, alpha: 0.08, beta: 0.9, mean: 0 };
  const model = {
    mean: 0,
    firstVariance: truth.omega / (1 - truth.alpha - truth.beta),
    update: garchUpdate(truth),
  };
  const draw = normalGenerator(mulberry32(5));
  // One path of 4000 days: simulatePathReturns with horizon 1 would restart the variance, so chain days.
  const returns: number[] = [];
  let variance = model.firstVariance;
  for (let t = 0; t < 4000; t++) {
    const r = Math.sqrt(variance) * draw();
    returns.push(r);
    variance = model.update(variance, r);
  }
  const fit = fitGarch11(returns);
  assert.ok(Math.abs(fit.alpha - truth.alpha) < 0.03, `alpha ${fit.alpha}`);
  assert.ok(Math.abs(fit.beta - truth.beta) < 0.04, `beta ${fit.beta}`);
  assert.ok(Math.abs(fit.alpha + fit.beta - 0.98) < 0.015, `persistence ${fit.alpha + fit.beta}`);
  // The recursion's last entry is the one-step forecast ω + αε² + βσ².
  const v = garchVariances(returns, fit);
  const e = returns[3999] - fit.mean;
  assert.ok(Math.abs(v[4000] - (fit.omega + fit.alpha * e * e + fit.beta * v[3999])) < 1e-18);
});

test('filtered VaR with a constant-volatility model is historical VaR', () => {
  const uniform = mulberry32(9);
  const returns = Array.from({ length: 300 }, () => (uniform() - 0.5) * 0.04);
  // α = β = 0, ω = variance: σ constant = √ω, so FHS = μ-shifted historical VaR of the returns.
  const flat = { omega: 1e-4, alpha: 0, beta: 0, mean: 0 };
  const filtered = filteredVar(returns, 0.99, { garch: flat });
  const hist = historicalVar(returns, 0.99);
  assert.ok(Math.abs(filtered.valueAtRisk - hist.valueAtRisk) < 1e-15);
  assert.ok(Math.abs(filtered.expectedShortfall - hist.expectedShortfall) < 1e-15);
  // Ten days under a constant model: bootstrap sums of 10 residuals; VaR grows roughly like √10.
  const tenDay = filteredVar(returns, 0.99, { garch: flat, horizon: 10, paths: 4000, seed: 2 });
  const ratio = tenDay.valueAtRisk / hist.valueAtRisk;
  assert.ok(ratio > 2 && ratio < 4, `ratio ${ratio}`);
  assert.equal(simulatePathReturns({ mean: 0, firstVariance: 1, update: (x) => x }, 3, 2, () => 1)[1], 3);
});

test('EWMA filtered VaR rescales the standardised returns by the RiskMetrics forecast', () => {
  const uniform = mulberry32(21);
  const returns = Array.from({ length: 400 }, (_, t) => (uniform() - 0.5) * (t < 300 ? 0.02 : 0.06));
  const variances = ewmaVariances(returns, 0.94);
  const standardised = returns.map((r, t) => r / Math.sqrt(variances[t]));
  const expected = Math.sqrt(variances[400]) * historicalVar(standardised, 0.99).valueAtRisk;
  const filtered = filteredVar(returns, 0.99, { volatility: 'ewma' });
  assert.ok(Math.abs(filtered.valueAtRisk - expected) < 1e-15);
  // After the volatility tripled, the filtered VaR is above the unconditional historical VaR.
  assert.ok(filtered.valueAtRisk > historicalVar(returns, 0.99).valueAtRisk);
});

test('conditional EVT over several days simulates GPD tail draws and grows with the horizon', () => {
  const draw = normalGenerator(mulberry32(33));
  // Student-like fat tails: normal scaled by a random regime, 600 days.
  const returns = Array.from({ length: 600 }, (_, t) => draw() * (t % 50 < 5 ? 0.03 : 0.01));
  const oneDay = filteredVar(returns, 0.99, { tail: 'gpd' });
  const fiveDay = filteredVar(returns, 0.99, { tail: 'gpd', horizon: 5, paths: 4000, seed: 4 });
  assert.ok(Number.isFinite(fiveDay.valueAtRisk) && fiveDay.expectedShortfall > fiveDay.valueAtRisk);
  assert.ok(fiveDay.valueAtRisk > oneDay.valueAtRisk, `${fiveDay.valueAtRisk} vs ${oneDay.valueAtRisk}`);
  assert.equal(fiveDay.volatilityForecast, oneDay.volatilityForecast);
});
