/**
 * SABR model, Hagan, Kumar, Lesniewski & Woodward (2002), "Managing smile risk", Wilmott Magazine
 * (September), 84–108: dF = α̂ F^β dW₁, dα̂ = ν α̂ dW₂, d⟨W₁, W₂⟩ = ρ dt, and the Black (lognormal)
 * implied volatility of their asymptotic expansion, eq. (2.17a), with the at-the-money case (2.18).
 */
import { requireFinite, requirePositive } from '../statistics/validate.js';

/** SABR parameters: α > 0 (vol level, in forward^(1−β) units), β in [0, 1], |ρ| < 1, ν >= 0. */
export interface SabrParameters {
  readonly alpha: number;
  readonly beta: number;
  readonly rho: number;
  readonly nu: number;
}

/** Throws a `RangeError` naming the parameter unless `p` is a valid SABR parameter set. */
export function requireSabrParameters(p: SabrParameters): SabrParameters {
  requirePositive('alpha', p.alpha);
  if (!(Number.isFinite(p.beta) && p.beta >= 0 && p.beta <= 1)) {
    throw new RangeError(`beta must be a finite number in [0, 1], got ${String(p.beta)}`);
  }
  if (!(Number.isFinite(p.rho) && Math.abs(p.rho) < 1)) {
    throw new RangeError(`rho must be a finite number in (-1, 1), got ${String(p.rho)}`);
  }
  if (!(Number.isFinite(p.nu) && p.nu >= 0)) {
    throw new RangeError(`nu must be a finite number >= 0, got ${String(p.nu)}`);
  }
  return p;
}

/** `z / x(z)` of Hagan (2.17b–c), with its Taylor series 1 − ρz/2 + (2 − 3ρ²)z²/12 near z = 0. */
function zOverX(z: number, rho: number): number {
  if (Math.abs(z) < 1e-6) return 1 - (rho * z) / 2 + ((2 - 3 * rho * rho) * z * z) / 12;
  const x = Math.log((Math.sqrt(1 - 2 * rho * z + z * z) + z - rho) / (1 - rho));
  return z / x;
}

/**
 * Black implied volatility (annualised, decimal) of a European option with strike `strike` on
 * forward `forward`, expiry `time` years, under SABR `p` — Hagan et al. (2002) eq. (2.17a); at
 * `strike = forward` it is eq. (2.18). Unchecked fast path; see `sabrVolatility`.
 */
export function sabrVolatilityUnchecked(
  p: SabrParameters,
  forward: number,
  strike: number,
  time: number,
): number {
  const { alpha, beta, rho, nu } = p;
  const oneMinusBeta = 1 - beta;
  const logFK = Math.log(forward / strike);
  const fkPow = (forward * strike) ** (oneMinusBeta / 2);
  const log2 = logFK * logFK;
  const b2 = oneMinusBeta * oneMinusBeta;
  const denominator = fkPow * (1 + (b2 / 24) * log2 + ((b2 * b2) / 1920) * log2 * log2);
  const z = (nu / alpha) * fkPow * logFK;
  const correction =
    1 +
    (((b2 / 24) * (alpha * alpha)) / (fkPow * fkPow) +
      (rho * beta * nu * alpha) / (4 * fkPow) +
      ((2 - 3 * rho * rho) / 24) * nu * nu) *
      time;
  return (alpha / denominator) * zOverX(z, rho) * correction;
}

/** `sabrVolatilityUnchecked` with its inputs checked (`RangeError` naming the argument). */
export function sabrVolatility(p: SabrParameters, forward: number, strike: number, time: number): number {
  requireSabrParameters(p);
  requirePositive('forward', forward);
  requirePositive('strike', strike);
  requirePositive('time', time);
  return sabrVolatilityUnchecked(p, forward, strike, time);
}

/**
 * α that reproduces the at-the-money Black vol `atmVolatility` for given β, ρ, ν: a
 * positive root of the cubic (2.18) in α (West 2005, "Calibration of the SABR model in illiquid
 * markets", Applied Mathematical Finance 12(4), eq. 3.3), bracketed from α = 0 and refined by
 * safeguarded Newton iteration.
 */
export function sabrAlphaFromAtmVolatility(
  atmVolatility: number,
  forward: number,
  time: number,
  beta: number,
  rho: number,
  nu: number,
): number {
  requirePositive('atmVolatility', atmVolatility);
  requirePositive('forward', forward);
  requirePositive('time', time);
  requireFinite('rho', rho);
  requireFinite('nu', nu);
  const fPow = forward ** (1 - beta);
  const c3 = (((1 - beta) * (1 - beta)) / (24 * fPow * fPow)) * time;
  const c2 = ((rho * beta * nu) / (4 * fPow)) * time;
  const c1 = 1 + ((2 - 3 * rho * rho) / 24) * nu * nu * time;
  const target = atmVolatility * fPow;
  const cubic = (a: number): number => ((c3 * a + c2) * a + c1) * a - target;
  // The cubic is negative at 0; bracket its first positive root, then bisect/Newton.
  let low = 0;
  let high = target / Math.max(c1, 1e-12);
  for (let doubling = 0; cubic(high) < 0; doubling++) {
    if (doubling > 200) {
      throw new RangeError(
        `atmVolatility ${atmVolatility} cannot be reproduced by any alpha for these beta, rho, nu`,
      );
    }
    high *= 2;
  }
  let alpha = high;
  for (let i = 0; i < 200; i++) {
    const derivative = (3 * c3 * alpha + 2 * c2) * alpha + c1;
    let next = alpha - cubic(alpha) / derivative;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (cubic(next) < 0) low = next;
    else high = next;
    if (Math.abs(next - alpha) <= 1e-15 * Math.max(1, alpha)) return next;
    alpha = next;
  }
  return alpha;
}
