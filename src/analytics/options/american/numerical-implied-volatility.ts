/**
 * Implied volatility of a numerical pricer (tree, grid, Monte Carlo with a fixed seed) by bracketing
 * and Brent's method (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4): the vol
 * σ in [`minVol`, `maxVol`] with pricer(σ) = price. Vanilla prices increase with σ, so a price below
 * pricer(minVol) or above pricer(maxVol) has no implied volatility in the range, and says so.
 */
import { requireFinite } from '../../statistics/validate.js';
import { NoImpliedVolatilityError } from '../implied-volatility.js';

/** Search range and tolerance. */
export interface VolSearchSettings {
  /** Lowest vol tried. Default 1e-4. */
  readonly minVol?: number;
  /** Highest vol tried. Default 5 (500 %). */
  readonly maxVol?: number;
  /** Absolute tolerance on the price. Default 1e-10 × max(1, price). */
  readonly priceTolerance?: number;
}

/** The vol at which `priceAtVol` equals `price`; a NoImpliedVolatilityError (a RangeError) when none is in range. */
export function numericalImpliedVolatility(
  priceAtVol: (vol: number) => number,
  price: number,
  settings: VolSearchSettings = {},
): number {
  requireFinite('price', price);
  const minVol = settings.minVol ?? 1e-4;
  const maxVol = settings.maxVol ?? 5;
  const tolerance = settings.priceTolerance ?? 1e-10 * Math.max(1, Math.abs(price));
  let a = minVol;
  let b = maxVol;
  let fa = priceAtVol(a) - price;
  let fb = priceAtVol(b) - price;
  if (Math.abs(fa) <= tolerance) return a;
  if (Math.abs(fb) <= tolerance) return b;
  if (fa > 0) {
    throw new NoImpliedVolatilityError(
      'below-intrinsic',
      `price ${price} is below the model price at vol ${minVol} (${(fa + price).toPrecision(10)}): no implied volatility`,
    );
  }
  if (fb < 0) {
    throw new NoImpliedVolatilityError(
      'above-maximum',
      `price ${price} is above the model price at vol ${maxVol} (${(fb + price).toPrecision(10)}): no implied volatility`,
    );
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < 200; iteration++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const volTolerance = 2 * Number.EPSILON * Math.abs(b) + 1e-12;
    const half = 0.5 * (c - b);
    if (Math.abs(fb) <= tolerance || Math.abs(half) <= volTolerance) return b;
    if (Math.abs(e) >= volTolerance && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation (secant when only two points are distinct).
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * half * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * half * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * half * q - Math.abs(volTolerance * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = half;
        e = d;
      }
    } else {
      d = half;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > volTolerance ? d : Math.sign(half) * volTolerance;
    fb = priceAtVol(b) - price;
  }
  return b;
}
