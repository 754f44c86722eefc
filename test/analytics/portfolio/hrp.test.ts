import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hierarchicalRiskParity } from '../../../src/analytics/portfolio/hrp.js';
import { close } from './assert-close.js';

function covarianceOf(volatility: number[], correlation: number[][]): number[][] {
  return correlation.map((row, i) => row.map((rho, j) => rho * volatility[i] * volatility[j]));
}

test('3-asset hand case: the correlated pair clusters first, bisection by inverse-variance cluster variances', () => {
  // σ = (0.1, 0.2, 0.15); ρ₀₁ = 0.9 (a tight pair), ρ₀₂ = 0.1, ρ₁₂ = 0.2.
  const sigma = covarianceOf(
    [0.1, 0.2, 0.15],
    [
      [1, 0.9, 0.1],
      [0.9, 1, 0.2],
      [0.1, 0.2, 1],
    ],
  );
  const { weights, order, linkage } = hierarchicalRiskParity(sigma);
  // Single linkage merges {0, 1} (cluster 3), then {2, 3}; leaves left to right: 2, 0, 1.
  assert.deepEqual(
    linkage.map((s) => [s.left, s.right, s.size]),
    [
      [0, 1, 2],
      [2, 3, 3],
    ],
  );
  assert.deepEqual(order, [2, 0, 1]);
  // Bisection [2] | [0, 1]. The pair's inverse-variance weights are (1/0.01, 1/0.04) ∝ (0.8, 0.2), its variance
  // 0.8²·0.01 + 0.2²·0.04 + 2·0.8·0.2·0.9·0.1·0.2 = 0.01376; asset 2's variance is 0.0225.
  const pairVariance = 0.64 * 0.01 + 0.04 * 0.04 + 2 * 0.8 * 0.2 * 0.9 * 0.1 * 0.2;
  const alpha = 1 - 0.0225 / (0.0225 + pairVariance);
  close(weights[2], alpha, 1e-15, 'w2');
  // Within the pair, bisection [0] | [1] is inverse variance: 0.8 and 0.2 of the pair's share.
  close(weights[0], 0.8 * (1 - alpha), 1e-15, 'w0');
  close(weights[1], 0.2 * (1 - alpha), 1e-15, 'w1');
});

test('López de Prado (2016) structure: blocks stay contiguous in the quasi-diagonal order, weights sum to 1', () => {
  // Two blocks {0, 2, 4} and {1, 3, 5}, correlated within (0.7–0.8) and barely across (0.05).
  const n = 6;
  const correlation = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (__, j) => {
      if (i === j) return 1;
      if (i % 2 !== j % 2) return 0.05;
      return 0.7 + 0.02 * (i + j);
    }),
  );
  const volatility = [0.1, 0.12, 0.14, 0.16, 0.18, 0.2];
  const { weights, order } = hierarchicalRiskParity(covarianceOf(volatility, correlation));
  const blockOf = order.map((i) => i % 2);
  assert.deepEqual(
    blockOf.slice(0, 3).every((b) => b === blockOf[0]),
    true,
  );
  assert.deepEqual(
    blockOf.slice(3).every((b) => b === blockOf[3]),
    true,
  );
  assert.notEqual(blockOf[0], blockOf[3]);
  close(
    weights.reduce((a, b) => a + b, 0),
    1,
    1e-15,
  );
  assert.ok(weights.every((w) => w > 0));
});

test('uncorrelated assets: HRP with a two-asset split is inverse variance', () => {
  const w = hierarchicalRiskParity([
    [0.04, 0],
    [0, 0.01],
  ]).weights;
  close(w[0], 0.2, 1e-15);
  close(w[1], 0.8, 1e-15);
  assert.throws(() => hierarchicalRiskParity([[0]]), /covariance\[0\]\[0\] \(a variance\) must be > 0/);
});
