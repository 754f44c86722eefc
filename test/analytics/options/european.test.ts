/** European prices: published reference values, put–call parity, limits and input errors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bachelierPrice } from '../../../src/analytics/options/bachelier.js';
import { black76Price, blackScholesPrice, bsmPrice } from '../../../src/analytics/options/black-scholes.js';

/** |actual − expected| ≤ tolerance (absolute), with a readable message. */
function near(actual: number, expected: number, tolerance: number, what = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('generalised Black–Scholes–Merton: published values', () => {
  test('Haug (2007) 2nd ed. §1.1.1: S=60, K=65, T=0.25, r=8 %, b=8 %, σ=30 % → call 2.1334', () => {
    near(blackScholesPrice('call', 60, 65, 0.25, 0.08, 0.08, 0.3), 2.1334, 5e-5);
  });
  test('Haug (2007) §1.1.2 Merton (1973): S=100, K=95, T=0.5, r=10 %, q=5 %, σ=20 % → put 2.4648', () => {
    near(bsmPrice('put', 100, 95, 0.5, 0.1, 0.05, 0.2), 2.4648, 5e-5);
  });
  test('Haug (2007) §1.1.3 Black (1976): F=19, K=19, T=0.75, r=10 %, σ=28 % → call = put = 1.7011', () => {
    near(black76Price('call', 19, 19, 0.75, 0.1, 0.28), 1.7011, 5e-5);
    near(black76Price('put', 19, 19, 0.75, 0.1, 0.28), 1.7011, 5e-5);
  });
  test('Haug (2007) §1.1.5 Garman–Kohlhagen: S=1.56, K=1.60, T=0.5, r=6 %, rf=8 %, σ=12 % → call 0.0291', () => {
    near(blackScholesPrice('call', 1.56, 1.6, 0.5, 0.06, 0.06 - 0.08, 0.12), 0.0291, 5e-5);
  });
  test('Hull, Options, Futures and Other Derivatives 9th ed., Example 15.6: S=42, K=40, r=10 %, σ=20 %, T=0.5 → call 4.76, put 0.81', () => {
    near(bsmPrice('call', 42, 40, 0.5, 0.1, 0, 0.2), 4.76, 0.005);
    near(bsmPrice('put', 42, 40, 0.5, 0.1, 0, 0.2), 0.81, 0.005);
  });
});

describe('identities and limits', () => {
  const inputs = fc.record({
    spot: fc.double({ min: 1, max: 500, noNaN: true }),
    moneyness: fc.double({ min: -1.5, max: 1.5, noNaN: true }),
    time: fc.double({ min: 0.01, max: 5, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
    carry: fc.double({ min: -0.1, max: 0.15, noNaN: true }),
    vol: fc.double({ min: 0.01, max: 2, noNaN: true }),
  });

  test('put–call parity c − p = S·e^{(b−r)T} − K·e^{−rT} to 1e-12 of the spot', () => {
    fc.assert(
      fc.property(inputs, ({ spot, moneyness, time, rate, carry, vol }) => {
        const strike = spot * Math.exp(moneyness);
        const call = blackScholesPrice('call', spot, strike, time, rate, carry, vol);
        const put = blackScholesPrice('put', spot, strike, time, rate, carry, vol);
        const forwardValue = spot * Math.exp((carry - rate) * time) - strike * Math.exp(-rate * time);
        near(call - put, forwardValue, 1e-12 * (spot + strike), 'parity');
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  test('prices lie within the no-arbitrage bounds', () => {
    fc.assert(
      fc.property(inputs, ({ spot, moneyness, time, rate, carry, vol }) => {
        const strike = spot * Math.exp(moneyness);
        const forwardSpot = spot * Math.exp((carry - rate) * time);
        const discountedStrike = strike * Math.exp(-rate * time);
        const call = blackScholesPrice('call', spot, strike, time, rate, carry, vol);
        assert.ok(call >= Math.max(forwardSpot - discountedStrike, 0) - 1e-12 * spot && call <= forwardSpot);
      }),
      { numRuns: 200, seed: 2 },
    );
  });

  test('time 0 gives the intrinsic value, vol 0 the discounted forward intrinsic value', () => {
    assert.equal(bsmPrice('call', 110, 100, 0, 0.05, 0, 0.3), 10);
    assert.equal(bsmPrice('put', 110, 100, 0, 0.05, 0, 0.3), 0);
    near(
      blackScholesPrice('call', 100, 90, 1, 0.05, 0.03, 0),
      100 * Math.exp(-0.02) - 90 * Math.exp(-0.05),
      1e-12,
    );
    assert.equal(blackScholesPrice('put', 100, 90, 1, 0.05, 0.03, 0), 0);
    // Continuity: a tiny vol is close to the vol-0 limit.
    near(
      blackScholesPrice('call', 100, 90, 1, 0.05, 0.03, 1e-9),
      blackScholesPrice('call', 100, 90, 1, 0.05, 0.03, 0),
      1e-9,
    );
  });

  test('tiny at-the-money prices keep their relative precision: c = F·(2Φ(s/2) − 1) ≈ F·s/√(2π) as s = σ√T → 0', () => {
    for (const vol of [1e-9, 1e-13, 1e-200]) {
      const expected = (100 * vol) / Math.sqrt(2 * Math.PI);
      const call = black76Price('call', 100, 100, 1, 0, vol);
      assert.ok(Math.abs(call - expected) <= 1e-14 * expected, `σ=${vol}: ${call} vs ${expected}`);
    }
  });

  test('Black-76 equals generalised BSM with b = 0', () => {
    near(
      black76Price('put', 95, 100, 0.7, 0.04, 0.25),
      blackScholesPrice('put', 95, 100, 0.7, 0.04, 0, 0.25),
      1e-14,
    );
  });

  test('bad inputs throw RangeError naming the argument', () => {
    assert.throws(
      () => bsmPrice('call', 100, -5, 1, 0.05, 0, 0.2),
      /strike must be a finite number > 0, got -5/,
    );
    assert.throws(() => bsmPrice('call', -1, 100, 1, 0.05, 0, 0.2), /spot must be/);
    assert.throws(
      () => bsmPrice('call', 100, 100, -1, 0.05, 0, 0.2),
      /time must be a finite number >= 0, got -1/,
    );
    assert.throws(() => bsmPrice('call', 100, 100, 1, 0.05, 0, -0.2), /vol must be/);
    assert.throws(
      () => bsmPrice('call', 100, 100, 1, Number.NaN, 0, 0.2),
      /rate must be a finite number, got NaN/,
    );
    assert.throws(() => black76Price('call', 0, 100, 1, 0.05, 0.2), /forward must be/);
    assert.throws(
      () => bsmPrice('straddle' as 'call', 100, 100, 1, 0.05, 0, 0.2),
      /type must be 'call' or 'put'/,
    );
    assert.throws(() => bachelierPrice('call', 100, 100, 1, 0.05, -1), RangeError);
  });
});

describe('Bachelier', () => {
  test('at the money c = p = e^{−rT}·σ_N·√(T/2π) (Schachermayer & Teichmann 2008, eq. 2.7 at F = K)', () => {
    const expected = Math.exp(-0.03 * 2) * 7 * Math.sqrt(2 / (2 * Math.PI));
    near(bachelierPrice('call', 100, 100, 2, 0.03, 7), expected, 1e-12);
    near(bachelierPrice('put', 100, 100, 2, 0.03, 7), expected, 1e-12);
  });
  test('put–call parity c − p = e^{−rT}(F − K), also for negative forwards and strikes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.001, max: 3, noNaN: true }),
        (forward, strike, time, normalVol) => {
          const call = bachelierPrice('call', forward, strike, time, 0.02, normalVol);
          const put = bachelierPrice('put', forward, strike, time, 0.02, normalVol);
          near(
            call - put,
            Math.exp(-0.02 * time) * (forward - strike),
            1e-12 * (1 + Math.abs(forward) + Math.abs(strike)),
          );
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
  test('small normal vol: Bachelier with σ_N = σ·F matches Black-76 at the money to O(σ²)', () => {
    // Schachermayer & Teichmann (2008) Thm 3.1: |C_BS − C_B| ≤ F·σ³T^{3/2}/(12√(2π)) at the money.
    const black = black76Price('call', 100, 100, 1, 0, 0.05);
    const normal = bachelierPrice('call', 100, 100, 1, 0, 5);
    assert.ok(Math.abs(black - normal) <= (100 * 0.05 ** 3) / (12 * Math.sqrt(2 * Math.PI)) + 1e-12);
  });
  test('zero time and zero vol give the discounted intrinsic value', () => {
    assert.equal(bachelierPrice('call', 3, 1, 0, 0.05, 2), 2);
    near(bachelierPrice('put', -1, 1, 2, 0.05, 0), 2 * Math.exp(-0.1), 1e-15);
  });
});
