import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lognormalPrice } from '../../../src/analytics/options/black-scholes.js';
import {
  discreteGeometricAsianPrice,
  geometricAsianPrice,
} from '../../../src/analytics/options/exotic/geometric-asian.js';
import { mulberry32, normalGenerator } from '../../../src/analytics/statistics/random.js';

describe('geometricAsianPrice (Kemna & Vorst 1990, Haug 2007 ch. 4.20.1)', () => {
  it("reproduces Haug's example: put S=80, K=85, T=0.25, r=5%, b=8%, σ=20% → 4.6922", () => {
    // Haug (1998) pp. 96–97 / Haug (2007) ch. 4.20.1 example, 4 decimals (also QuantLib's
    // asianoptions test, tolerance 1e-4).
    const price = geometricAsianPrice('put', 80, 85, 0.25, 0.05, 0.08, 0.2);
    assert.ok(Math.abs(price - 4.6922) <= 5e-5, `${price}`);
  });

  it('satisfies put–call parity on the geometric forward', () => {
    // C − P = e^{−rT}(E[G] − K); ln G ~ N(ln S + (b − σ²/2)T/2, σ²T/3), so E[G] = S e^{(b − σ²/2)T/2 + σ²T/6}.
    const [s, k, t, r, b, v] = [100, 95, 0.75, 0.04, 0.01, 0.3];
    const call = geometricAsianPrice('call', s, k, t, r, b, v);
    const put = geometricAsianPrice('put', s, k, t, r, b, v);
    const expectedMean = s * Math.exp(((b - (v * v) / 2) * t) / 2 + (v * v * t) / 6);
    assert.ok(Math.abs(call - put - Math.exp(-r * t) * (expectedMean - k)) < 1e-12);
  });

  it('is cheaper than the vanilla call in the usual case (averaging lowers vol and drift)', () => {
    for (const strike of [80, 100, 120]) {
      const asian = geometricAsianPrice('call', 100, strike, 1, 0.05, 0.05, 0.25);
      assert.ok(asian < lognormalPrice(true, 100, strike, 1, 0.05, 0.05, 0.25));
    }
  });

  it('agrees with a seeded Monte Carlo of the continuous geometric mean (4 standard errors)', () => {
    // ln G = ln S + (b − σ²/2)T/2 + σ∫W/T, and ∫₀ᵀW dt/T ~ N(0, T/3): simulated exactly.
    const normal = normalGenerator(mulberry32(42));
    const [s, k, t, r, b, v] = [100, 100, 1, 0.05, 0.02, 0.3];
    const paths = 20_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < paths; i++) {
      const logG = Math.log(s) + ((b - (v * v) / 2) * t) / 2 + v * Math.sqrt(t / 3) * normal();
      const payoff = Math.max(Math.exp(logG) - k, 0) * Math.exp(-r * t);
      sum += payoff;
      sumSquares += payoff * payoff;
    }
    const mean = sum / paths;
    const standardError = Math.sqrt((sumSquares / paths - mean * mean) / paths);
    const price = geometricAsianPrice('call', s, k, t, r, b, v);
    assert.ok(Math.abs(mean - price) < 4 * standardError, `${price} vs MC ${mean} ± ${standardError}`);
  });
});

describe('discreteGeometricAsianPrice', () => {
  it('reproduces Clewlow & Strickland (1998) p. 118–123: 10 fixings, call → 5.3425606635', () => {
    // "Implementing Derivatives Models", Clewlow & Strickland, Wiley 1998, pp. 118–123: S = K = 100,
    // T = 1, r = 6%, q = 3% (b = 3%), σ = 20%, 10 equally spaced fixings (also QuantLib's test, 1e-10).
    const price = discreteGeometricAsianPrice('call', 100, 100, 1, 0.06, 0.03, 0.2, 10);
    assert.ok(Math.abs(price - 5.3425606635) < 1e-9, `${price}`);
  });

  it('is the vanilla European with one fixing at expiry, and tends to the continuous price', () => {
    const vanilla = lognormalPrice(true, 100, 105, 0.5, 0.05, 0.02, 0.25);
    assert.ok(
      Math.abs(discreteGeometricAsianPrice('call', 100, 105, 0.5, 0.05, 0.02, 0.25, 1) - vanilla) < 1e-12,
    );
    const continuous = geometricAsianPrice('put', 80, 85, 0.25, 0.05, 0.08, 0.2);
    const fine = discreteGeometricAsianPrice('put', 80, 85, 0.25, 0.05, 0.08, 0.2, 100_000);
    assert.ok(Math.abs(fine - continuous) < 1e-4);
  });

  it('rejects a non-integer fixing count', () => {
    assert.throws(
      () => discreteGeometricAsianPrice('call', 100, 100, 1, 0.06, 0.03, 0.2, 2.5),
      /fixings must be an integer >= 1, got 2.5/,
    );
    assert.throws(() => geometricAsianPrice('call', 100, -1, 1, 0.06, 0.03, 0.2), /strike must be/);
  });
});
