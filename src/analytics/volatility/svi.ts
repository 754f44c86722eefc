/**
 * Raw SVI parameterisation of one expiry's total implied variance (Gatheral 2004, "A parsimonious
 * arbitrage-free implied volatility parameterization", eq. 1; Gatheral & Jacquier 2014, eq. 3.1):
 *
 *   w(k) = a + b (ρ (k − m) + √((k − m)² + σ²)),   k = ln(K / F),   w = σ_BS² · T.
 */
import { requireFinite, requirePositive } from '../statistics/validate.js';

/** Raw SVI parameters of one expiry; `w` is total variance (vol² × years), `k` log forward-moneyness. */
export interface SviParameters {
  /** Vertical level of total variance. */
  readonly a: number;
  /** Wing slope scale, `b >= 0`. */
  readonly b: number;
  /** Skew (rotation), `|rho| < 1`. */
  readonly rho: number;
  /** Horizontal translation in log-moneyness. */
  readonly m: number;
  /** ATM curvature, `sigma > 0`. */
  readonly sigma: number;
}

/**
 * Roger Lee / Rogers–Tehranchi wing bound on total variance: the wing slopes `b(1 ± ρ)` of `w`
 * must not exceed 4 (Gatheral & Jacquier 2014, §3.1, the `4/T` bound on variance times `T`).
 */
export const SVI_WING_SLOPE_BOUND = 4;

/** Throws a `RangeError` naming the parameter unless `p` is a valid raw SVI slice. */
export function requireSviParameters(p: SviParameters): SviParameters {
  requireFinite('a', p.a);
  requireFinite('m', p.m);
  requirePositive('sigma', p.sigma);
  if (!(Number.isFinite(p.b) && p.b >= 0)) {
    throw new RangeError(`b must be a finite number >= 0, got ${String(p.b)}`);
  }
  if (!(Number.isFinite(p.rho) && Math.abs(p.rho) < 1)) {
    throw new RangeError(`rho must be a finite number in (-1, 1), got ${String(p.rho)}`);
  }
  if (sviMinimumVariance(p) < 0) {
    throw new RangeError(
      `a must satisfy a + b·sigma·√(1 − rho²) >= 0 (non-negative total variance), got a = ${p.a}`,
    );
  }
  return p;
}

/** Total implied variance `w(k)` (vol² × years) at log forward-moneyness `k`. */
export function sviTotalVariance(p: SviParameters, k: number): number {
  const x = k - p.m;
  return p.a + p.b * (p.rho * x + Math.sqrt(x * x + p.sigma * p.sigma));
}

/** First derivative `∂w/∂k`. */
export function sviFirstDerivative(p: SviParameters, k: number): number {
  const x = k - p.m;
  return p.b * (p.rho + x / Math.sqrt(x * x + p.sigma * p.sigma));
}

/** Second derivative `∂²w/∂k² = b σ² / ((k − m)² + σ²)^{3/2}`. */
export function sviSecondDerivative(p: SviParameters, k: number): number {
  const x = k - p.m;
  const r2 = x * x + p.sigma * p.sigma;
  return (p.b * p.sigma * p.sigma) / (r2 * Math.sqrt(r2));
}

/** Minimum total variance over k: `a + b σ √(1 − ρ²)` (reached at `k = m − ρσ/√(1 − ρ²)`). */
export function sviMinimumVariance(p: SviParameters): number {
  return p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho);
}

/** Black implied volatility (annualised, decimal) of the slice at `k` for expiry `time` in years. */
export function sviImpliedVolatility(p: SviParameters, k: number, time: number): number {
  return Math.sqrt(Math.max(0, sviTotalVariance(p, k)) / time);
}

/** Whether the wing slopes satisfy `b(1 + |ρ|) <= 4` (the Lee/Rogers–Tehranchi bound). */
export function sviSatisfiesWingBound(p: SviParameters): boolean {
  return p.b * (1 + Math.abs(p.rho)) <= SVI_WING_SLOPE_BOUND;
}
