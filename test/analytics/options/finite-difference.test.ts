import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  crankNicolsonPrice,
  crankNicolsonValues,
} from '../../../src/analytics/options/american/crank-nicolson.js';
import type { VanillaOptionInputs } from '../../../src/analytics/options/american/inputs.js';
import { leisenReimerPrice } from '../../../src/analytics/options/american/leisen-reimer.js';
import { blackScholesPrice } from '../../../src/analytics/options/black-scholes.js';
import { blackScholesGreeks } from '../../../src/analytics/options/greeks.js';
import { blackScholesHigherOrderGreeks } from '../../../src/analytics/options/higher-order-greeks.js';
import {
  finiteDifferenceGreeks,
  finiteDifferenceHigherOrderGreeks,
  type PricingInputs,
} from '../../../src/analytics/options/numerical-greeks.js';

const option = (overrides: Partial<VanillaOptionInputs> = {}): VanillaOptionInputs => ({
  type: 'put',
  exercise: 'european',
  spot: 36,
  strike: 40,
  time: 1,
  rate: 0.06,
  carry: 0.06,
  vol: 0.2,
  ...overrides,
});

const bsm = (o: VanillaOptionInputs) =>
  blackScholesPrice(o.type, o.spot, o.strike, o.time, o.rate, o.carry, o.vol);

describe('Crank–Nicolson (Rannacher start, Brennan–Schwartz exercise)', () => {
  it('prices European options within 2e-4 of BSM on the default 800 × 400 grid', () => {
    for (const type of ['call', 'put'] as const) {
      for (const [spot, carry, vol, time] of [
        [36, 0.06, 0.2, 1],
        [40, 0, 0.4, 0.25],
        [46, -0.02, 0.3, 2],
      ]) {
        const o = option({ type, spot, carry, vol, time });
        assert.ok(Math.abs(crankNicolsonPrice(o) - bsm(o)) < 2e-4, `${type} S=${spot}`);
      }
    }
  });

  it('converges at second order: halving both steps cuts the European error about 4×', () => {
    const o = option();
    const coarse = Math.abs(crankNicolsonPrice(o, { spaceSteps: 100, timeSteps: 50 }) - bsm(o));
    const fine = Math.abs(crankNicolsonPrice(o, { spaceSteps: 200, timeSteps: 100 }) - bsm(o));
    assert.ok(coarse / fine > 3, `ratio ${coarse / fine}`);
  });

  it('reads delta, gamma and theta off the grid within 1e-4 / 1e-4 / 1e-3 of BSM', () => {
    const o = option({ type: 'call', spot: 42, carry: 0.02, vol: 0.3, time: 0.5 });
    const grid = crankNicolsonValues(o);
    const exact = blackScholesGreeks('call', 42, 40, 0.5, 0.06, 0.02, 0.3);
    assert.ok(Math.abs(grid.delta - exact.delta) < 1e-4);
    assert.ok(Math.abs(grid.gamma - exact.gamma) < 1e-4);
    assert.ok(Math.abs(grid.theta - exact.theta) < 1e-3);
  });

  it('matches Longstaff–Schwartz (2001) Table 1 finite-difference American puts to 0.01', () => {
    // Table 1, K = 40, r = 0.06: (S, σ, T) → value, printed to 3 decimals.
    for (const [spot, vol, time, value] of [
      [36, 0.4, 1, 7.101],
      [38, 0.2, 1, 3.25],
      [40, 0.4, 2, 6.92],
      [44, 0.4, 2, 5.647],
    ]) {
      const price = crankNicolsonPrice(option({ exercise: 'american', spot, vol, time }));
      assert.ok(Math.abs(price - value) < 0.01, `S=${spot} σ=${vol} T=${time}: ${price}`);
    }
  });

  it('agrees with a 2001-step Leisen–Reimer tree to 2e-4 for an American put', () => {
    const o = option({ exercise: 'american' });
    assert.ok(Math.abs(crankNicolsonPrice(o) - leisenReimerPrice(o, 2001)) < 2e-4);
  });

  it('gives intrinsic value, delta −1 and zero theta deep in the exercise region', () => {
    const deep = crankNicolsonValues(option({ exercise: 'american', spot: 25 }));
    assert.ok(Math.abs(deep.price - 15) < 1e-9);
    assert.ok(Math.abs(deep.delta + 1) < 1e-5);
    assert.equal(deep.theta, 0);
  });

  it('rejects bad grid settings by name', () => {
    assert.throws(
      () => crankNicolsonPrice(option(), { spaceSteps: 2 }),
      /spaceSteps must be an integer >= 4/,
    );
    assert.throws(() => crankNicolsonPrice(option(), { timeSteps: 0 }), /timeSteps must be an integer >= 1/);
    assert.throws(() => crankNicolsonPrice(option({ vol: Number.NaN })), /vol must be a finite number > 0/);
  });
});

describe('finite-difference Greeks of any pricer', () => {
  const inputs: PricingInputs = { spot: 105, strike: 100, time: 0.75, rate: 0.05, carry: 0.02, vol: 0.25 };
  const callPricer = (at: PricingInputs) =>
    blackScholesPrice('call', at.spot, at.strike, at.time, at.rate, at.carry, at.vol);

  it('reproduce the analytic BSM Greeks (closed forms, Haug 2007 ch. 2) to 1e-6 relative', () => {
    const numeric = finiteDifferenceGreeks(callPricer, inputs);
    const exact = blackScholesGreeks('call', 105, 100, 0.75, 0.05, 0.02, 0.25);
    // blackScholesGreeks' rho holds b; with q held (our default) ρ = rho + carryRho.
    const expected = { ...exact, rho: exact.rho + exact.carryRho };
    for (const key of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
      const scale = Math.max(1, Math.abs(expected[key]));
      assert.ok(
        Math.abs(numeric[key] - expected[key]) < 1e-6 * scale,
        `${key}: ${numeric[key]} vs ${expected[key]}`,
      );
    }
    const futuresRho = finiteDifferenceGreeks(callPricer, inputs, { carryFollowsRate: false }).rho;
    assert.ok(Math.abs(futuresRho - exact.rho) < 1e-6 * Math.abs(exact.rho));
  });

  it('reproduce the analytic higher-order Greeks (Haug 2007 §2.2–2.4) to 1e-3 relative', () => {
    const numeric = finiteDifferenceHigherOrderGreeks(callPricer, inputs);
    const exact = blackScholesHigherOrderGreeks('call', 105, 100, 0.75, 0.05, 0.02, 0.25);
    for (const key of ['vanna', 'volga', 'ultima', 'charm', 'speed', 'color', 'zomma', 'veta'] as const) {
      const tolerance = 1e-3 * Math.max(Math.abs(exact[key]), 1e-3);
      assert.ok(Math.abs(numeric[key] - exact[key]) < tolerance, `${key}: ${numeric[key]} vs ${exact[key]}`);
    }
  });

  it('reject bad bumps and inputs by name', () => {
    assert.throws(
      () => finiteDifferenceGreeks(callPricer, inputs, { spotBump: 0 }),
      /spotBump must be a number in/,
    );
    assert.throws(
      () => finiteDifferenceGreeks(callPricer, { ...inputs, time: -1 }),
      /time must be a finite number > 0/,
    );
  });
});
