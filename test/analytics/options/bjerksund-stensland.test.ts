import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { baroneAdesiWhaleyPrice } from '../../../src/analytics/options/american/barone-adesi-whaley.js';
import { bjerksundStensland2002Price } from '../../../src/analytics/options/american/bjerksund-stensland.js';
import { lognormalPrice } from '../../../src/analytics/options/black-scholes.js';
import type { OptionType } from '../../../src/analytics/options/types.js';
import { bivariateNormalCdf } from '../../../src/analytics/statistics/bivariate-normal.js';
import { normalCdf, normalPdf } from '../../../src/analytics/statistics/normal.js';

/**
 * Independent reference for M(x, y; ρ): ∫_{−∞}^{x} φ(t) Φ((y − ρt)/√(1 − ρ²)) dt by composite
 * Simpson on [−12, x]; the integrand sharpens as |ρ| → 1, so 4000 panels (~1e-13) below |ρ| = 0.9
 * and 40,000 above.
 */
function bivariateByQuadrature(x: number, y: number, rho: number): number {
  const lower = -12;
  const panels = Math.abs(rho) > 0.9 ? 40_000 : 4000;
  const h = (x - lower) / panels;
  const scale = Math.sqrt(1 - rho * rho);
  const f = (t: number) => normalPdf(t) * normalCdf((y - rho * t) / scale);
  let sum = f(lower) + f(x);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lower + i * h);
  return (sum * h) / 3;
}

describe('bivariateNormalCdf (Genz 2004)', () => {
  it('matches the closed form M(0, 0; ρ) = 1/4 + asin(ρ)/(2π) to 1e-15', () => {
    for (const rho of [-0.999, -0.95, -0.9, -0.5, -0.2, 0, 0.1, 0.3, 0.5, 0.8, 0.93, 0.99, 0.999]) {
      const exact = 0.25 + Math.asin(rho) / (2 * Math.PI);
      assert.ok(Math.abs(bivariateNormalCdf(0, 0, rho) - exact) < 1e-15, `ρ=${rho}`);
    }
  });

  it('factorises at ρ = 0 and degenerates correctly at ρ = ±1', () => {
    assert.ok(Math.abs(bivariateNormalCdf(0.7, -1.2, 0) - normalCdf(0.7) * normalCdf(-1.2)) < 1e-16);
    assert.ok(Math.abs(bivariateNormalCdf(0.7, -1.2, 1) - normalCdf(-1.2)) < 1e-16);
    assert.ok(Math.abs(bivariateNormalCdf(0.7, 1.2, -1) - (normalCdf(0.7) - normalCdf(-1.2))) < 1e-16);
    assert.equal(bivariateNormalCdf(-0.7, -1.2, -1), 0);
    assert.equal(bivariateNormalCdf(Number.POSITIVE_INFINITY, 0.3, 0.4), normalCdf(0.3));
  });

  it('agrees with direct quadrature to 1e-12 across all three ρ regimes', () => {
    for (const [x, y] of [
      [-1.5, 0.4],
      [0.3, 2.1],
      [1.2, -0.8],
      [-2.5, -2.2],
    ]) {
      for (const rho of [-0.97, -0.6, -0.1, 0.25, 0.7, 0.95]) {
        const reference = bivariateByQuadrature(x, y, rho);
        assert.ok(Math.abs(bivariateNormalCdf(x, y, rho) - reference) < 1e-12, `(${x}, ${y}, ${rho})`);
      }
    }
  });

  it('satisfies M(x, y; ρ) + M(x, −y; −ρ) = Φ(x) (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (x, y, rho) => {
          const sum = bivariateNormalCdf(x, y, rho) + bivariateNormalCdf(x, -y, -rho);
          assert.ok(Math.abs(sum - normalCdf(x)) < 1e-14);
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });

  it('rejects a correlation outside [−1, 1]', () => {
    assert.throws(() => bivariateNormalCdf(0, 0, 1.5), /rho must be a correlation in \[-1, 1\], got 1.5/);
  });
});

describe('bjerksundStensland2002Price (Haug 2007 ch. 3.2.3)', () => {
  it('reproduces the BS2002 values of Haug (2007) to 1e-4', () => {
    // Haug (2007) ch. 3.2.3 comparison (K = 100, r = 10%, b = 0, T = 0.5), 4 decimals, as also used by
    // D. Edwards' GBS.py test-suite (precision 1e-3): calls S = 90/σ 15% → 0.8099, S = 100/σ 25% →
    // 6.7661, S = 110/σ 35% → 15.5137; puts by the put–call transformation S = 90/σ 15% → 10.5400,
    // S = 110/σ 35% → 5.8374.
    const cases: [OptionType, number, number, number][] = [
      ['call', 90, 0.15, 0.8099],
      ['call', 100, 0.25, 6.7661],
      ['call', 110, 0.35, 15.5137],
      ['put', 90, 0.15, 10.54],
      ['put', 110, 0.35, 5.8374],
    ];
    for (const [type, spot, vol, expected] of cases) {
      const price = bjerksundStensland2002Price(type, spot, 100, 0.5, 0.1, 0, vol);
      assert.ok(Math.abs(price - expected) <= 1e-4, `${type} S=${spot}: ${price} vs ${expected}`);
    }
    // Haug (1998) p. 27 example: call S = 42, K = 40, T = 0.75, r = 4%, b = −4%, σ = 35%; the 1993
    // boundary gives 5.2704 and the 2002 two-step boundary, a better exercise policy, a little more
    // (5.28 to 2 decimals in GBS.py's test).
    const example = bjerksundStensland2002Price('call', 42, 40, 0.75, 0.04, -0.04, 0.35);
    assert.ok(example > 5.2704 && Math.abs(example - 5.28) < 0.01, `${example}`);
  });

  it('stays within the documented error of the accurate long-dated values of Ju (1999)', () => {
    // Ju (1999), "An approximate formula for pricing American options", J. Derivatives, Exhibit 6:
    // calls, K = 100, T = 3, r = 3%, q = 7% (b = −4%), accurate (lattice) values. BS2002 is a lower
    // bound within 0.07 of them; BAW overprices by up to 0.32.
    const cases: [number, number, number][] = [
      [80, 0.2, 2.605],
      [100, 0.2, 9.065],
      [120, 0.2, 21.398],
      [80, 0.4, 11.336],
      [100, 0.4, 20.76],
      [120, 0.4, 32.709],
    ];
    for (const [spot, vol, accurate] of cases) {
      const bs2002 = bjerksundStensland2002Price('call', spot, 100, 3, 0.03, -0.04, vol);
      const baw = baroneAdesiWhaleyPrice('call', spot, 100, 3, 0.03, -0.04, vol);
      assert.ok(
        bs2002 <= accurate + 1e-3 && accurate - bs2002 < 0.08,
        `BS2002 S=${spot} σ=${vol}: ${bs2002}`,
      );
      assert.ok(Math.abs(baw - accurate) < 0.33, `BAW S=${spot} σ=${vol}: ${baw}`);
    }
  });

  it('prices the put through the put–call transformation P(S, K, r, b) = C(K, S, r − b, −b)', () => {
    const put = bjerksundStensland2002Price('put', 95, 100, 0.75, 0.06, 0.02, 0.3);
    const call = bjerksundStensland2002Price('call', 100, 95, 0.75, 0.04, -0.02, 0.3);
    assert.ok(Math.abs(put - call) < 1e-12);
  });

  it('is at least European and intrinsic, European when b ≥ r for calls, and close to BAW (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptionType>('call', 'put'),
        fc.double({ min: 70, max: 130, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 0.001, max: 0.12, noNaN: true }),
        fc.double({ min: -0.08, max: 0.12, noNaN: true }),
        fc.double({ min: 0.1, max: 0.5, noNaN: true }),
        (type, spot, time, rate, carry, vol) => {
          const american = bjerksundStensland2002Price(type, spot, 100, time, rate, carry, vol);
          const european = lognormalPrice(type === 'call', spot, 100, time, rate, carry, vol);
          assert.ok(american >= european - 1e-12);
          assert.ok(american >= (type === 'call' ? spot - 100 : 100 - spot) - 1e-12);
          if (type === 'call' && carry >= rate) assert.equal(american, european);
          // Two approximations of the same value: within 2% of the strike on this moderate grid.
          const baw = baroneAdesiWhaleyPrice(type, spot, 100, time, rate, carry, vol);
          assert.ok(Math.abs(american - baw) < 2, `BS2002 ${american} vs BAW ${baw}`);
        },
      ),
      { numRuns: 100, seed: 5 },
    );
  });

  it('rejects negative rates and bad input with a RangeError naming the argument', () => {
    assert.throws(() => bjerksundStensland2002Price('put', 100, 100, 1, -0.01, 0, 0.2), /rate must be >= 0/);
    assert.throws(
      () => bjerksundStensland2002Price('call', 0, 100, 1, 0.05, 0, 0.2),
      /spot must be a finite number > 0, got 0/,
    );
  });
});
