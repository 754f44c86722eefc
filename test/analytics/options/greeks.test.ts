/** Greeks: published examples (Haug 2007, Hull) and every Greek against central finite differences. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bachelierPrice } from '../../../src/analytics/options/bachelier.js';
import { black76Price, blackScholesPrice } from '../../../src/analytics/options/black-scholes.js';
import {
  bachelierGreeks,
  black76Greeks,
  blackScholesGreeks,
  bsmGreeks,
} from '../../../src/analytics/options/greeks.js';
import { blackScholesHigherOrderGreeks } from '../../../src/analytics/options/higher-order-greeks.js';
import type { OptionType } from '../../../src/analytics/options/types.js';

function near(actual: number, expected: number, tolerance: number, what = ''): void {
  if (!(Math.abs(actual - expected) <= tolerance)) console.error('FAIL', what, actual, expected, tolerance);
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what} ${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('published Greeks', () => {
  // Haug (2007) 2nd ed. ch. 2 examples, as reproduced in QuantLib's test-suite/europeanoption.cpp (testGreekValues).
  test('Haug ch. 2 delta example: S=105, K=100, T=0.5, r=10 %, b=0, σ=36 % → call 0.5946, put −0.3566', () => {
    near(bsmGreeks('call', 105, 100, 0.5, 0.1, 0.1, 0.36).delta, 0.5946, 5e-5);
    near(bsmGreeks('put', 105, 100, 0.5, 0.1, 0.1, 0.36).delta, -0.3566, 5e-5);
  });
  test('Haug ch. 2 gamma example: S=55, K=60, T=0.75, r=10 %, b=10 %, σ=30 % → 0.0278 (call and put)', () => {
    near(bsmGreeks('call', 55, 60, 0.75, 0.1, 0, 0.3).gamma, 0.0278, 5e-5);
    near(bsmGreeks('put', 55, 60, 0.75, 0.1, 0, 0.3).gamma, 0.0278, 5e-5);
  });
  test('vega: S=55, K=60, T=0.75, r=10 %, q=0, σ=30 % → 18.9358 per 1.00 (QuantLib europeanoption.cpp)', () => {
    near(bsmGreeks('call', 55, 60, 0.75, 0.1, 0, 0.3).vega, 18.9358, 5e-5);
    near(bsmGreeks('put', 55, 60, 0.75, 0.1, 0, 0.3).vega, 18.9358, 5e-5);
  });
  test('Haug ch. 2 theta example: S=430, K=405, T=0.0833, r=7 %, q=5 %, σ=20 % → put −31.1924 per year', () => {
    near(bsmGreeks('put', 430, 405, 0.0833, 0.07, 0.05, 0.2).theta, -31.1924, 5e-5);
  });
  test('Haug ch. 2 rho example: S=72, K=75, T=1, r=9 %, b=9 %, σ=19 % → call 38.7325', () => {
    near(bsmGreeks('call', 72, 75, 1, 0.09, 0, 0.19).rho, 38.7325, 5e-5);
  });
  test('Hull, OFOD 9th ed., ch. 19 "The Greek Letters", Examples 19.1–19.7: S=49, K=50, r=5 %, σ=20 %, T=0.3846 → Δ 0.522, Γ 0.066, vega 12.1, Θ −4.31/yr, ρ 8.91', () => {
    const g = bsmGreeks('call', 49, 50, 0.3846, 0.05, 0, 0.2);
    near(g.delta, 0.522, 5e-4);
    near(g.gamma, 0.066, 5e-4);
    near(g.vega, 12.1, 0.05);
    near(g.theta, -4.31, 0.005);
    near(g.rho, 8.91, 0.005);
  });
});

// Central differences with step h·scale: O(h²) truncation; tolerances relative to the Greek's scale.
const H = 1e-4;
function centralDifference(f: (x: number) => number, x: number, step: number): number {
  return (f(x + step) - f(x - step)) / (2 * step);
}
function secondDifference(f: (x: number) => number, x: number, step: number): number {
  return (f(x + step) - 2 * f(x) + f(x - step)) / (step * step);
}

const domain = fc.record({
  isCall: fc.boolean(),
  spot: fc.double({ min: 10, max: 200, noNaN: true }),
  moneyness: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
  time: fc.double({ min: 0.05, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.1, noNaN: true }),
  carry: fc.double({ min: -0.05, max: 0.1, noNaN: true }),
  vol: fc.double({ min: 0.08, max: 0.8, noNaN: true }),
});

describe('first-order Greeks against finite differences of the price', () => {
  test('generalised BSM: delta, gamma, vega, theta, rho (b fixed), carryRho', () => {
    fc.assert(
      fc.property(domain, ({ isCall, spot, moneyness, time, rate, carry, vol }) => {
        const type: OptionType = isCall ? 'call' : 'put';
        const strike = spot * Math.exp(moneyness);
        const price = (s: number, t: number, r: number, b: number, v: number) =>
          blackScholesPrice(type, s, strike, t, r, b, v);
        const g = blackScholesGreeks(type, spot, strike, time, rate, carry, vol);
        const scale = spot;
        near(g.price, price(spot, time, rate, carry, vol), 1e-12 * scale);
        near(
          g.delta,
          centralDifference((s) => price(s, time, rate, carry, vol), spot, 1e-5 * spot),
          1e-6,
          'delta',
        );
        const gamma = secondDifference((s) => price(s, time, rate, carry, vol), spot, 1e-3 * spot);
        near(g.gamma, gamma, 1e-3 * gamma + 1e-7, 'gamma');
        near(
          g.vega,
          centralDifference((v) => price(spot, time, rate, carry, v), vol, H),
          1e-6 * scale,
          'vega',
        );
        const theta = -centralDifference((t) => price(spot, t, rate, carry, vol), time, 1e-5 * time);
        near(g.theta, theta, 1e-5 * Math.abs(theta) + 1e-6 * scale, 'theta');
        near(
          g.rho,
          centralDifference((r) => price(spot, time, r, carry, vol), rate, H),
          1e-6 * scale,
          'rho',
        );
        near(
          g.carryRho,
          centralDifference((b) => price(spot, time, rate, b, vol), carry, H),
          1e-6 * scale,
          'carryRho',
        );
      }),
      { numRuns: 150, seed: 11, endOnFailure: true },
    );
  });

  test('bsmGreeks rho moves the carry with the rate (q fixed); Black-76 rho = −T·V', () => {
    const g = bsmGreeks('put', 100, 110, 0.8, 0.04, 0.02, 0.3);
    const fd = centralDifference((r) => blackScholesPrice('put', 100, 110, 0.8, r, r - 0.02, 0.3), 0.04, H);
    near(g.rho, fd, 1e-6);
    const b = black76Greeks('call', 95, 100, 0.8, 0.04, 0.3);
    near(
      b.rho,
      centralDifference((r) => black76Price('call', 95, 100, 0.8, r, 0.3), 0.04, H),
      1e-6,
    );
    near(
      b.delta,
      centralDifference((f) => black76Price('call', f, 100, 0.8, 0.04, 0.3), 95, 1e-3),
      1e-8,
    );
    near(b.theta, -centralDifference((t) => black76Price('call', 95, 100, t, 0.04, 0.3), 0.8, 1e-5), 1e-6);
  });

  test('Bachelier: delta, gamma, vega, theta, rho', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 2, noNaN: true }),
        (isCall, distance, time, normalVol) => {
          const type: OptionType = isCall ? 'call' : 'put';
          const price = (f: number, t: number, r: number, v: number) => bachelierPrice(type, f, 1, t, r, v);
          const forward = 1 + distance;
          const g = bachelierGreeks(type, forward, 1, time, 0.03, normalVol);
          near(
            g.delta,
            centralDifference((f) => price(f, time, 0.03, normalVol), forward, H),
            1e-7,
            'delta',
          );
          const gamma = secondDifference((f) => price(f, time, 0.03, normalVol), forward, 1e-3);
          near(g.gamma, gamma, 1e-3 * gamma + 1e-6, 'gamma');
          near(
            g.vega,
            centralDifference((v) => price(forward, time, 0.03, v), normalVol, H),
            1e-7,
            'vega',
          );
          near(
            g.theta,
            -centralDifference((t) => price(forward, t, 0.03, normalVol), time, H * time),
            1e-6,
            'theta',
          );
          near(
            g.rho,
            centralDifference((r) => price(forward, time, r, normalVol), 0.03, H),
            1e-6,
            'rho',
          );
        },
      ),
      { numRuns: 150, seed: 12, endOnFailure: true },
    );
  });

  test('vol 0: Greeks of the discounted forward intrinsic value', () => {
    const g = bsmGreeks('call', 100, 90, 1, 0.05, 0.02, 0);
    near(g.delta, Math.exp(-0.02), 1e-15);
    assert.equal(g.gamma, 0);
    assert.equal(g.vega, 0);
    const otm = bsmGreeks('put', 100, 90, 1, 0.05, 0.02, 0);
    assert.deepEqual([otm.price, otm.delta, otm.gamma, otm.vega], [0, 0, 0, 0]);
  });
});

describe('higher-order Greeks against finite differences of the analytic first-order Greeks', () => {
  test('vanna, volga, ultima, charm, speed, zomma, color, veta', () => {
    fc.assert(
      fc.property(domain, ({ isCall, spot, moneyness, time, rate, carry, vol }) => {
        const type: OptionType = isCall ? 'call' : 'put';
        const strike = spot * Math.exp(moneyness);
        const greeks = (s: number, t: number, v: number) =>
          blackScholesGreeks(type, s, strike, t, rate, carry, v);
        const h = blackScholesHigherOrderGreeks(type, spot, strike, time, rate, carry, vol);
        const base = greeks(spot, time, vol);
        const tol = (x: number) => 1e-4 * Math.abs(x) + 1e-6 * (base.vega + 1);
        const vanna = centralDifference((v) => greeks(spot, time, v).delta, vol, H);
        near(h.vanna, vanna, tol(vanna), 'vanna');
        const volga = centralDifference((v) => greeks(spot, time, v).vega, vol, H);
        near(h.volga, volga, tol(volga), 'volga');
        const ultima = secondDifference((v) => greeks(spot, time, v).vega, vol, 1e-3);
        near(h.ultima, ultima, 1e-3 * (Math.abs(ultima) + base.vega + 1), 'ultima');
        const charm = -centralDifference((t) => greeks(spot, t, vol).delta, time, H * time);
        near(h.charm, charm, tol(charm) + 1e-6, 'charm');
        const speed = centralDifference((s) => greeks(s, time, vol).gamma, spot, H * spot);
        near(h.speed, speed, 1e-3 * Math.abs(speed) + 1e-9, 'speed');
        const zomma = centralDifference((v) => greeks(spot, time, v).gamma, vol, H);
        near(h.zomma, zomma, tol(zomma) + 1e-9, 'zomma');
        const color = -centralDifference((t) => greeks(spot, t, vol).gamma, time, H * time);
        near(h.color, color, tol(color) + 1e-8, 'color');
        const veta = -centralDifference((t) => greeks(spot, t, vol).vega, time, H * time);
        near(h.veta, veta, tol(veta), 'veta');
      }),
      { numRuns: 150, seed: 13, endOnFailure: true },
    );
  });
});
