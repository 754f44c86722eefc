import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  butterflyCheck,
  fitSvi,
  logMoneynessGrid,
  requireSviParameters,
  sviButterflyCheck,
  sviDensityFactor,
  sviFirstDerivative,
  sviSatisfiesWingBound,
  sviSecondDerivative,
  sviTotalVariance,
} from '../../../src/analytics/volatility/index.js';

// Gatheral & Jacquier (2014), "Arbitrage-free SVI volatility surfaces", Quantitative Finance 14(1),
// Example 3.1 (parameters due to Axel Vogt), T = 1: a raw SVI slice with butterfly arbitrage —
// the paper plots g(k) dipping below zero on the right wing.
const VOGT = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };

describe('raw SVI', () => {
  it('derivatives match central finite differences of w', () => {
    const p = { a: 0.02, b: 0.2, rho: -0.4, m: 0.05, sigma: 0.2 };
    const h = 1e-5;
    for (const k of [-0.8, -0.1, 0, 0.3, 1.2]) {
      const fd1 = (sviTotalVariance(p, k + h) - sviTotalVariance(p, k - h)) / (2 * h);
      const fd2 =
        (sviTotalVariance(p, k + h) - 2 * sviTotalVariance(p, k) + sviTotalVariance(p, k - h)) / (h * h);
      assert.ok(Math.abs(sviFirstDerivative(p, k) - fd1) < 1e-9);
      assert.ok(Math.abs(sviSecondDerivative(p, k) - fd2) < 1e-4);
    }
  });

  it('has the wing slopes b(1 ± ρ) far from m (Gatheral 2004)', () => {
    const p = { a: 0.01, b: 0.3, rho: -0.5, m: 0, sigma: 0.1 };
    const slope = (sviTotalVariance(p, 100) - sviTotalVariance(p, 99)) / 1;
    assert.ok(Math.abs(slope - p.b * (1 + p.rho)) < 1e-5);
  });

  it('rejects invalid parameters naming the argument', () => {
    assert.throws(() => requireSviParameters({ ...VOGT, b: -1 }), /^RangeError: b must/);
    assert.throws(() => requireSviParameters({ ...VOGT, rho: 1 }), /^RangeError: rho must/);
    assert.throws(() => requireSviParameters({ ...VOGT, sigma: 0 }), /^RangeError: sigma must/);
    assert.throws(() => requireSviParameters({ ...VOGT, a: -1 }), /^RangeError: a must/);
  });
});

describe('butterfly check (Gatheral & Jacquier 2014, Lemma 2.2)', () => {
  it("flags Vogt's example: g < 0 on the right wing", () => {
    const check = sviButterflyCheck(VOGT);
    assert.equal(check.arbitrageFree, false);
    assert.ok(check.minimumG < 0);
    assert.ok(
      check.atLogMoneyness > 0.6 && check.atLogMoneyness < 1.2,
      `min g at k = ${check.atLogMoneyness}`,
    );
    // Brute force: g from finite-difference derivatives agrees with the analytic one.
    const numeric = butterflyCheck((k) => sviTotalVariance(VOGT, k));
    assert.ok(Math.abs(numeric.minimumG - check.minimumG) < 1e-5);
  });

  it('g = 1 for a flat smile (w constant, no derivatives)', () => {
    assert.equal(sviDensityFactor({ a: 0.04, b: 0, rho: 0, m: 0, sigma: 0.1 }, 0.3), 1);
  });
});

describe('SVI fit (quasi-explicit + penalised polish)', () => {
  it('recovers a known slice from exact total variances', () => {
    const truth = { a: 0.01, b: 0.1, rho: -0.5, m: 0.02, sigma: 0.15 };
    const points = logMoneynessGrid(-0.5, 0.3, 25).map((k) => ({
      logMoneyness: k,
      totalVariance: sviTotalVariance(truth, k),
      weight: 1,
    }));
    const fit = fitSvi(points);
    for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) {
      assert.ok(Math.abs(fit.parameters[key] - truth[key]) < 1e-5, `${key}: ${fit.parameters[key]}`);
    }
    assert.equal(fit.butterfly.arbitrageFree, true);
    assert.equal(fit.repaired, false);
  });

  it('repairs a slice with butterfly arbitrage: fitted to Vogt, the fit has none', () => {
    const points = logMoneynessGrid(-1, 1.5, 26).map((k) => ({
      logMoneyness: k,
      totalVariance: sviTotalVariance(VOGT, k),
      weight: 1,
    }));
    const fit = fitSvi(points);
    assert.equal(fit.repaired, true);
    assert.equal(fit.butterfly.arbitrageFree, true);
    assert.ok(sviSatisfiesWingBound(fit.parameters));
  });

  it('property: fits of arbitrage-free slices reproduce total variance to 1e-6', () => {
    fc.assert(
      fc.property(
        fc.record({
          a: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
          b: fc.double({ min: 0.05, max: 0.3, noNaN: true }),
          rho: fc.double({ min: -0.8, max: 0.3, noNaN: true }),
          m: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
          sigma: fc.double({ min: 0.1, max: 0.4, noNaN: true }),
        }),
        (truth) => {
          fc.pre(sviButterflyCheck(truth).arbitrageFree);
          const points = logMoneynessGrid(-0.6, 0.4, 15).map((k) => ({
            logMoneyness: k,
            totalVariance: sviTotalVariance(truth, k),
            weight: 1,
          }));
          const fit = fitSvi(points);
          for (const p of points) {
            assert.ok(Math.abs(sviTotalVariance(fit.parameters, p.logMoneyness) - p.totalVariance) < 1e-6);
          }
        },
      ),
      { numRuns: 6, seed: 42 },
    );
  });

  it('rejects too few points', () => {
    assert.throws(() => fitSvi([]), /^RangeError: points must hold at least 5/);
  });
});
