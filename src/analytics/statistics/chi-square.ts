/**
 * The chi-square distribution with ν > 0 degrees of freedom (ν may be non-integer):
 * F(x; ν) = P(ν/2, x/2), survival 1 − F = Q(ν/2, x/2) (Abramowitz & Stegun 1964, eq. 26.4.19).
 */
import { regularizedGammaP, regularizedGammaQ } from './gamma.js';
import { requireFinite, requirePositive } from './validate.js';

function checkArguments(x: number, dof: number): void {
  requireFinite('x', x);
  requirePositive('dof', dof);
}

/** Chi-square CDF P(X ≤ x) with `dof` degrees of freedom; 0 for x ≤ 0. */
export function chiSquareCdf(x: number, dof: number): number {
  checkArguments(x, dof);
  if (x <= 0) return 0;
  return regularizedGammaP(dof / 2, x / 2);
}

/**
 * Chi-square survival function P(X > x) = Q(dof/2, x/2), computed directly (not 1 − CDF), so it
 * keeps relative accuracy far in the upper tail (e.g. x = 1000, dof = 1 → ≈ 1e-219).
 */
export function chiSquareSurvival(x: number, dof: number): number {
  checkArguments(x, dof);
  if (x <= 0) return 1;
  return regularizedGammaQ(dof / 2, x / 2);
}

/**
 * Upper quantile: the x with P(X > x) = `alpha` (e.g. alpha 0.05, dof 1 → 3.841), by bisection
 * on the survival function to ≈ 1e-12 relative precision. alpha in (0, 1).
 */
export function chiSquareUpperQuantile(alpha: number, dof: number): number {
  requireFinite('alpha', alpha);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  requirePositive('dof', dof);
  let low = 0;
  let high = Math.max(1, dof);
  while (regularizedGammaQ(dof / 2, high / 2) > alpha) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const mid = 0.5 * (low + high);
    if (regularizedGammaQ(dof / 2, mid / 2) > alpha) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}
