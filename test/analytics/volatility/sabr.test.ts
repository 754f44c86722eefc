import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fitSabr,
  sabrAlphaFromAtmVolatility,
  sabrVolatility,
} from '../../../src/analytics/volatility/index.js';

describe('SABR, Hagan et al. (2002) eq. 2.17a', () => {
  it("reproduces QuantLib's published Hagan value", () => {
    // QuantLib-SWIG Python test suite (sabr test), SabrTest.testHagenFormula: alpha 0.35,
    // beta 0.85, nu 0.75, rho 0.85, forward 100, strike 110, T = 6 months Actual/365 from
    // 2019-01-09 (181/365): sabrVolatility = 0.205953 (asserted to 6 decimals).
    const vol = sabrVolatility({ alpha: 0.35, beta: 0.85, nu: 0.75, rho: 0.85 }, 100, 110, 181 / 365);
    assert.ok(Math.abs(vol - 0.205953) < 5e-7, String(vol));
  });

  it('is continuous through the at-the-money point (series for z → 0)', () => {
    const p = { alpha: 0.2, beta: 0.5, rho: -0.3, nu: 0.6 };
    const atm = sabrVolatility(p, 100, 100, 1);
    assert.ok(Math.abs(sabrVolatility(p, 100, 100 * (1 + 1e-7), 1) - atm) < 1e-8);
    assert.ok(Math.abs(sabrVolatility(p, 100, 100 * (1 - 1e-5), 1) - atm) < 1e-6);
  });

  it('β = 1 and ν → 0 gives the flat Black vol α', () => {
    for (const strike of [50, 90, 100, 130, 200]) {
      const vol = sabrVolatility({ alpha: 0.25, beta: 1, rho: -0.4, nu: 1e-9 }, 100, strike, 2);
      assert.ok(Math.abs(vol - 0.25) < 1e-8, `${strike}: ${vol}`);
    }
  });

  it('α from the ATM vol reproduces that vol (cubic of West 2005)', () => {
    const alpha = sabrAlphaFromAtmVolatility(0.22, 0.04, 3, 0.5, -0.2, 0.4);
    const vol = sabrVolatility({ alpha, beta: 0.5, rho: -0.2, nu: 0.4 }, 0.04, 0.04, 3);
    assert.ok(Math.abs(vol - 0.22) < 1e-12);
  });

  it('fit recovers known parameters from exact vols', () => {
    const truth = { alpha: 0.15, beta: 1, rho: -0.65, nu: 1.2 };
    const points = [2600, 2800, 2950, 3050, 3150, 3225, 3300, 3400].map((strike) => ({
      strike,
      volatility: sabrVolatility(truth, 3225, strike, 0.25),
      weight: 1,
    }));
    const fit = fitSabr(points, 3225, 0.25, 1);
    assert.ok(Math.abs(fit.parameters.alpha - truth.alpha) < 1e-4);
    assert.ok(Math.abs(fit.parameters.rho - truth.rho) < 1e-3);
    assert.ok(Math.abs(fit.parameters.nu - truth.nu) < 1e-3);
  });

  it('rejects bad inputs naming the argument', () => {
    assert.throws(
      () => sabrVolatility({ alpha: 0.2, beta: 1.5, rho: 0, nu: 0.3 }, 100, 100, 1),
      /^RangeError: beta/,
    );
    assert.throws(
      () => sabrVolatility({ alpha: 0.2, beta: 1, rho: 0, nu: 0.3 }, 100, -5, 1),
      /^RangeError: strike/,
    );
  });
});

describe('SABR α from the ATM vol, no root', () => {
  it('throws a RangeError naming atmVolatility when no α reproduces it', () => {
    // β = 1 removes the cubic term; a strongly negative ρν makes the quadratic peak below the target.
    assert.throws(() => sabrAlphaFromAtmVolatility(5, 100, 10, 1, -0.99, 5), /^RangeError: atmVolatility/);
  });
});
