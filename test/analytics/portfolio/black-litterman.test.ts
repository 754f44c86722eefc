import assert from 'node:assert/strict';
import { test } from 'node:test';
import { multiplyVector } from '../../../src/analytics/numerics/matrix.js';
import {
  blackLitterman,
  impliedEquilibriumReturns,
} from '../../../src/analytics/portfolio/black-litterman.js';
import { close } from './assert-close.js';

// He & Litterman (1999), "The Intuition Behind Black-Litterman Model Portfolios", Goldman Sachs,
// Table 1 (correlations), Table 2 (volatilities, equilibrium weights, equilibrium returns Π),
// Australia, Canada, France, Germany, Japan, UK, USA; δ = 2.5, τ = 0.05.
const CORRELATION = [
  [1.0, 0.488, 0.478, 0.515, 0.439, 0.512, 0.491],
  [0.488, 1.0, 0.664, 0.655, 0.31, 0.608, 0.779],
  [0.478, 0.664, 1.0, 0.861, 0.355, 0.783, 0.668],
  [0.515, 0.655, 0.861, 1.0, 0.354, 0.777, 0.653],
  [0.439, 0.31, 0.355, 0.354, 1.0, 0.405, 0.306],
  [0.512, 0.608, 0.783, 0.777, 0.405, 1.0, 0.652],
  [0.491, 0.779, 0.668, 0.653, 0.306, 0.652, 1.0],
];
const VOLATILITY = [0.16, 0.203, 0.248, 0.271, 0.21, 0.2, 0.187];
const MARKET = [0.016, 0.022, 0.052, 0.055, 0.116, 0.124, 0.615];
const SIGMA = CORRELATION.map((row, i) => row.map((rho, j) => rho * VOLATILITY[i] * VOLATILITY[j]));
// Table 2, equilibrium expected returns Π (%, one decimal).
const PI_TABLE_2 = [3.9, 6.9, 8.4, 9.0, 4.3, 6.8, 7.6];
// Table 4, view "Germany outperforms the rest of Europe by 5 %": P = (0, 0, −.295, 1, 0, −.705, 0), Q = 5 %;
// posterior expected returns μ̄ (%) and optimal weights w* (%), one decimal; ω/τ = .021.
const GERMANY_VIEW = [0, 0, -0.295, 1, 0, -0.705, 0];
const POSTERIOR_TABLE_4 = [4.3, 7.6, 9.3, 11.0, 4.5, 7.0, 8.1];
const WEIGHTS_TABLE_4 = [1.5, 2.1, -3.9, 35.4, 11.0, -9.5, 58.6];
// Half a unit of the last published digit (0.05 %), plus rounding slack.
const HALF_DIGIT = 0.0005 + 1e-9;

test('He & Litterman (1999) Table 2: equilibrium returns Π = δΣw_mkt', () => {
  const pi = impliedEquilibriumReturns(SIGMA, MARKET, 2.5);
  PI_TABLE_2.forEach((p, i) => {
    close(pi[i], p / 100, HALF_DIGIT, `Π[${i}]`);
  });
});

test('He & Litterman (1999) Table 4: Germany-vs-Europe view, posterior returns and weights', () => {
  const result = blackLitterman({
    covariance: SIGMA,
    marketWeights: MARKET,
    riskAversion: 2.5,
    tau: 0.05,
    views: { pick: [GERMANY_VIEW], returns: [0.05] },
  });
  close(result.omega[0][0] / 0.05, 0.021, 0.0005, 'ω/τ');
  POSTERIOR_TABLE_4.forEach((m, i) => {
    close(result.posteriorReturns[i], m / 100, HALF_DIGIT, `μ̄[${i}]`);
  });
  WEIGHTS_TABLE_4.forEach((w, i) => {
    close(result.weights[i], w / 100, HALF_DIGIT, `w*[${i}]`);
  });
  // Only the assets in the view move away from w_mkt/(1 + τ) (He & Litterman's main intuition).
  for (const i of [0, 1, 4, 6]) close(result.weights[i], MARKET[i] / 1.05, 1e-12, `untouched w*[${i}]`);
});

test('no views: the posterior mean is Π and the weights are the market weights (scaled by 1/(1 + τ))', () => {
  const result = blackLitterman({ covariance: SIGMA, marketWeights: MARKET });
  const pi = impliedEquilibriumReturns(SIGMA, MARKET);
  assert.deepEqual(result.posteriorReturns, pi);
  result.weights.forEach((w, i) => {
    close(w, MARKET[i] / 1.05, 1e-13, `w[${i}]`);
  });
});

test('Idzorek confidences: 100 % makes the view hold exactly, 50 % equals the He–Litterman Ω, → 0 returns Π', () => {
  const base = { covariance: SIGMA, marketWeights: MARKET };
  const certain = blackLitterman({
    ...base,
    views: { pick: [GERMANY_VIEW], returns: [0.05], confidences: [1] },
  });
  const viewReturn = GERMANY_VIEW.reduce((s, p, i) => s + p * certain.posteriorReturns[i], 0);
  close(viewReturn, 0.05, 1e-14, 'Pμ̄');
  const half = blackLitterman({
    ...base,
    views: { pick: [GERMANY_VIEW], returns: [0.05], confidences: [0.5] },
  });
  const defaultOmega = blackLitterman({ ...base, views: { pick: [GERMANY_VIEW], returns: [0.05] } });
  half.posteriorReturns.forEach((m, i) => {
    close(m, defaultOmega.posteriorReturns[i], 1e-15);
  });
  const faint = blackLitterman({
    ...base,
    views: { pick: [GERMANY_VIEW], returns: [0.05], confidences: [1e-9] },
  });
  faint.posteriorReturns.forEach((m, i) => {
    close(m, certain.equilibriumReturns[i], 1e-9);
  });
  assert.throws(
    () => blackLitterman({ ...base, views: { pick: [GERMANY_VIEW], returns: [0.05], confidences: [1.5] } }),
    /views\.confidences\[0\] must be a number in \(0, 1\]/,
  );
});

test('posterior covariance: Σ_p − Σ = τΣ − τΣPᵀ(PτΣPᵀ + Ω)⁻¹PτΣ is smaller than τΣ along the view', () => {
  const result = blackLitterman({
    covariance: SIGMA,
    marketWeights: MARKET,
    views: { pick: [GERMANY_VIEW], returns: [0.05] },
  });
  // One view with Ω = pτΣpᵀ halves the prior variance of the view portfolio: pMpᵀ = ½·pτΣpᵀ.
  const quad = (m: number[][]) =>
    GERMANY_VIEW.reduce((s, p, i) => s + p * multiplyVector(m, GERMANY_VIEW)[i], 0);
  const shrink = result.posteriorCovariance.map((row, i) => row.map((v, j) => v - SIGMA[i][j]));
  close(quad(shrink), 0.5 * 0.05 * quad(SIGMA), 1e-15);
});

// Idzorek (2005), "A step-by-step guide to the Black-Litterman model", his worked example: market
// capitalisation weights, the covariance matrix of excess returns (published to 6 decimals), δ = 3.07,
// τ = 0.025, and three views.
const IDZOREK_WEIGHTS = [0.1934, 0.2613, 0.1209, 0.1209, 0.0134, 0.0134, 0.2418, 0.0349];
const IDZOREK_COVARIANCE = [
  [0.001005, 0.001328, -0.000579, -0.000675, 0.000121, 0.000128, -0.000445, -0.000437],
  [0.001328, 0.007277, -0.001307, -0.00061, -0.002237, -0.000989, 0.001442, -0.001535],
  [-0.000579, -0.001307, 0.059852, 0.027588, 0.063497, 0.023036, 0.032967, 0.048039],
  [-0.000675, -0.00061, 0.027588, 0.029609, 0.026572, 0.021465, 0.020697, 0.029854],
  [0.000121, -0.002237, 0.063497, 0.026572, 0.102488, 0.042744, 0.039443, 0.065994],
  [0.000128, -0.000989, 0.023036, 0.021465, 0.042744, 0.032056, 0.019881, 0.032235],
  [-0.000445, 0.001442, 0.032967, 0.020697, 0.039443, 0.019881, 0.028355, 0.035064],
  [-0.000437, -0.001535, 0.048039, 0.029854, 0.065994, 0.032235, 0.035064, 0.079958],
];
// His implied equilibrium return vector Π (%, two decimals): US bonds, int'l bonds, US large growth, US large value,
// US small growth, US small value, int'l developed equity, int'l emerging equity.
const IDZOREK_PI = [0.08, 0.67, 6.41, 4.08, 7.43, 3.7, 4.8, 6.6];
// Views: int'l developed equity returns 5.25 %; int'l bonds beat US bonds by 0.25 %; growth beats value
// by 2 % (market-cap weighted 90/10 legs). Ω = diag(PτΣPᵀ) as published: 0.000709, 0.000141, 0.000866.
const IDZOREK_PICK = [
  [0, 0, 0, 0, 0, 0, 1, 0],
  [-1, 1, 0, 0, 0, 0, 0, 0],
  [0, 0, 0.9, -0.9, 0.1, -0.1, 0, 0],
];
const IDZOREK_OMEGA = [0.000709, 0.000141, 0.000866];

test('Idzorek (2005): implied returns Π and the view variances Ω', () => {
  const result = blackLitterman({
    covariance: IDZOREK_COVARIANCE,
    marketWeights: IDZOREK_WEIGHTS,
    riskAversion: 3.07,
    tau: 0.025,
    views: { pick: IDZOREK_PICK, returns: [0.0525, 0.0025, 0.02] },
  });
  // The paper's Π come from its unrounded covariance; from the published (rounded) one they agree to ±0.04 %.
  IDZOREK_PI.forEach((p, i) => {
    close(result.equilibriumReturns[i], p / 100, 0.0004, `Π[${i}]`);
  });
  // Ω to the published three significant digits.
  IDZOREK_OMEGA.forEach((w, i) => {
    close(result.omega[i][i], w, 5e-7, `ω[${i}]`);
  });
});
