/** Implied volatility: round trips over a wide domain (deep wings, tiny prices), bounds and errors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bachelierPrice } from '../../../src/analytics/options/bachelier.js';
import { blackScholesPrice, bsmPrice } from '../../../src/analytics/options/black-scholes.js';
import {
  bachelierImpliedVolatility,
  black76ImpliedVolatility,
  bsmImpliedVolatility,
  impliedVolatility,
  NoImpliedVolatilityError,
} from '../../../src/analytics/options/implied-volatility.js';
import type { OptionType } from '../../../src/analytics/options/types.js';

function near(actual: number, expected: number, tolerance: number, what = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('lognormal implied volatility', () => {
  test('recovers the published examples: Haug (2007) §1.1.1 call 2.1334 → σ ≈ 30 %', () => {
    // The published price is rounded to 4 decimals; vega there is ≈ 10.7, so σ is within 5e-5/10.7.
    near(impliedVolatility('call', 2.1334, 60, 65, 0.25, 0.08, 0.08), 0.3, 1e-5);
  });

  test('Black-76 and dividend-yield wrappers: Haug (2007) §1.1.3 F=19, K=19, T=0.75, r=10 %: 1.7011 → σ ≈ 28 %', () => {
    // Published price rounded to 4 decimals; vega ≈ 5.6 there, so σ is within 5e-5/5.6.
    near(black76ImpliedVolatility('put', 1.7011, 19, 19, 0.75, 0.1), 0.28, 1e-5);
    near(
      bsmImpliedVolatility('put', bsmPrice('put', 100, 95, 0.5, 0.1, 0.05, 0.2), 100, 95, 0.5, 0.1, 0.05),
      0.2,
      1e-12,
    );
    assert.throws(() => black76ImpliedVolatility('call', 1, -19, 19, 0.75, 0.1), /forward must be/);
  });

  test('round trip σ → price → σ to 1e-10 relative wherever the price carries the vol (fast-check, wide domain)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        fc.double({ min: 0.005, max: 3, noNaN: true }),
        fc.double({ min: -0.02, max: 0.1, noNaN: true }),
        fc.double({ min: -0.05, max: 0.1, noNaN: true }),
        (isCall, logMoneyness, time, vol, rate, carry) => {
          const type: OptionType = isCall ? 'call' : 'put';
          const spot = 100;
          const strike = spot * Math.exp(logMoneyness);
          const price = blackScholesPrice(type, spot, strike, time, rate, carry, vol);
          const forward = spot * Math.exp(carry * time);
          const discount = Math.exp(-rate * time);
          const intrinsic = discount * Math.max(isCall ? forward - strike : strike - forward, 0);
          if (price - intrinsic < 1e-250) return; // the price is its intrinsic value: no vol information
          const implied = impliedVolatility(type, price, spot, strike, time, rate, carry);
          // Price round trip on the time value (what the price says about σ), to ~1e-9 of it or of the ulps of the price.
          const repriced = blackScholesPrice(type, spot, strike, time, rate, carry, implied);
          near(
            repriced - intrinsic,
            price - intrinsic,
            1e-9 * (price - intrinsic) + 1e-13 * (spot + strike) * discount,
            'time value',
          );
          // Vol round trip where the time value is not drowned by the intrinsic value's rounding.
          if (price - intrinsic > 1e-6 * price) near(implied, vol, 1e-10 * vol + 1e-12, 'vol');
        },
      ),
      { numRuns: 2000, seed: 21, endOnFailure: true },
    );
  });

  test('tiny prices (1e-12 of spot and far below) and deep wings converge', () => {
    for (const [strike, vol, time] of [
      [200, 0.1, 1],
      [300, 0.05, 0.5],
      [20, 0.1, 1],
      [100, 1e-4, 0.01],
      [100, 3, 1],
    ] as const) {
      for (const type of ['call', 'put'] as const) {
        const price = blackScholesPrice(type, 100, strike, time, 0, 0, vol);
        const otm = (type === 'call') === strike > 100 || strike === 100;
        if (!otm) continue;
        near(impliedVolatility(type, price, 100, strike, time, 0, 0), vol, 1e-9 * vol, `${type} K=${strike}`);
      }
    }
    // At the money with a price far below the ulps of ½ (b(0, s) ≈ s/√(2π)).
    for (const price of [1e-17, 1e-200]) {
      const vol = impliedVolatility('call', price, 100, 100, 1, 0, 0);
      near(blackScholesPrice('call', 100, 100, 1, 0, 0, vol), price, 1e-12 * price, `ATM price ${price}`);
    }
    const tiny = 1e-12 * 100;
    const implied = impliedVolatility('call', tiny, 100, 130, 0.5, 0.01, 0.01);
    near(blackScholesPrice('call', 100, 130, 0.5, 0.01, 0.01, implied), tiny, 1e-9 * tiny);
  });

  test('price at the intrinsic value → 0; below it or at the upper bound → NoImpliedVolatilityError with reason and bounds', () => {
    assert.equal(impliedVolatility('call', 0, 100, 120, 1, 0.05, 0.05), 0);
    const below = () => impliedVolatility('call', 5, 100, 80, 1, 0, 0);
    assert.throws(below, (error: unknown) => {
      assert.ok(error instanceof NoImpliedVolatilityError);
      assert.ok(error instanceof RangeError);
      assert.equal(error.reason, 'below-intrinsic');
      assert.match(error.message, /below the discounted intrinsic value 20/);
      return true;
    });
    assert.throws(
      () => impliedVolatility('call', 100, 100, 80, 1, 0, 0),
      (error: unknown) =>
        error instanceof NoImpliedVolatilityError &&
        error.reason === 'above-maximum' &&
        /upper bound 100/.test(error.message),
    );
    assert.throws(() => impliedVolatility('put', 81, 100, 80, 1, 0, 0), /above-maximum|upper bound 80/);
    assert.throws(
      () => impliedVolatility('call', 1, 100, 100, 0, 0, 0),
      (error: unknown) => error instanceof NoImpliedVolatilityError && error.reason === 'invalid-input',
    );
    assert.throws(
      () => impliedVolatility('call', Number.NaN, 100, 100, 1, 0, 0),
      /price must be a finite number, got NaN/,
    );
    assert.throws(() => impliedVolatility('call', 1, 100, -100, 1, 0, 0), /strike must be/);
  });
});

describe('Bachelier implied volatility', () => {
  test('ATM closed form σ_N = V·e^{rT}·√(2π/T)', () => {
    near(
      bachelierImpliedVolatility('call', 0.4, 1, 1, 2, 0.03),
      0.4 * Math.exp(0.06) * Math.sqrt(Math.PI),
      1e-14,
    );
  });
  test('round trip over forwards and strikes of any sign', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (isCall, forward, strike, time, normalVol) => {
          const type: OptionType = isCall ? 'call' : 'put';
          const price = bachelierPrice(type, forward, strike, time, 0.02, normalVol);
          const intrinsic =
            Math.exp(-0.02 * time) * Math.max(isCall ? forward - strike : strike - forward, 0);
          if (price - intrinsic < 1e-9 * (1 + price)) return;
          const implied = bachelierImpliedVolatility(type, price, forward, strike, time, 0.02);
          near(implied, normalVol, 1e-8 * normalVol, 'normal vol');
        },
      ),
      { numRuns: 500, seed: 22, endOnFailure: true },
    );
  });
  test('below intrinsic → NoImpliedVolatilityError', () => {
    assert.throws(
      () => bachelierImpliedVolatility('put', 0.5, -1, 1, 1, 0),
      (error: unknown) => error instanceof NoImpliedVolatilityError && error.reason === 'below-intrinsic',
    );
  });
});
