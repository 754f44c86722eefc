/**
 * Barone-Adesi & Whaley (1987) quadratic approximation of American option values, in the generalised
 * cost-of-carry form of Haug (2007), "The Complete Guide to Option Pricing Formulas", 2nd ed., ch. 3.2.1
 * (eqs. for C, S*, A2 and P, S**, A1), with Haug's seeds for the critical prices and Newton's
 * iteration on the early-exercise boundary condition.
 */
import { normalCdf, normalPdf } from '../../statistics/normal.js';
import { lognormalPrice } from '../black-scholes.js';
import { requireAmericanApproximationInputs } from '../option-inputs.js';
import type { OptionType } from '../types.js';

/** Newton stops when the boundary residual |LHS − RHS| ≤ this × strike (Haug 2007's criterion). */
const CRITICAL_PRICE_TOLERANCE = 1e-6;
const MAX_NEWTON_STEPS = 100;

/**
 * N(ω·d1(S*)) at the critical price last solved, kept so the price does not evaluate it again (a
 * scalar, so the hot path allocates nothing).
 */
let cdfAtCritical = 0;

/**
 * The K of BAW (1987) eq. (10): 2r / (σ²(1 − e^{−rT})), continuous at r = 0 where it is 2 / (σ²T).
 */
function quadraticCoefficient(rate: number, time: number, variance: number): number {
  const rt = rate * time;
  if (Math.abs(rt) < 1e-12) return 2 / (variance * time);
  return (2 * rate) / (variance * -Math.expm1(-rt));
}

/** The exponent q2 (ω = +1, call) or q1 (ω = −1, put): (−(n − 1) + ω√((n − 1)² + 4k)) / 2. */
function exponent(omega: number, n: number, k: number): number {
  return (-(n - 1) + omega * Math.sqrt((n - 1) * (n - 1) + 4 * k)) / 2;
}

/**
 * Critical price S* (call, ω = +1: exercise at or above it) or S** (put, ω = −1: at or below it),
 * the root of g(S) = ω(S − K) − [c_ω(S) + ω(1 − e^{(b−r)T}N(ωd1(S)))S/q] (BAW 1987 eqs. (23), (27);
 * Haug 2007 pp. 98–99), from Haug's seeds S = K + (S∞ − K)(1 − e^{h}) by Halley's iteration (Newton
 * with the analytic g''; BAW's and Haug's Newton step is its first-order part), safeguarded by
 * bisection inside the bracket between the strike and the last overshoot; it usually stops after two
 * steps. Leaves N(ω·d1(S*)) in `cdfAtCritical`.
 */
function criticalPrice(
  omega: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
  q: number,
): number {
  const variance = vol * vol;
  const volSqrtTime = vol * Math.sqrt(time);
  const n = (2 * carry) / variance;
  const qInfinite = exponent(omega, n, (2 * rate) / variance);
  const sInfinite = strike / (1 - 1 / qInfinite);
  const seedScale = (carry * time + 2 * omega * volSqrtTime) * strike;
  // As S∞ → ∞ (q2∞ → 1, i.e. b → r) the seed tends to K + (bT + 2σ√T)K.
  let si = Number.isFinite(sInfinite)
    ? strike + (sInfinite - strike) * -Math.expm1(-seedScale / (sInfinite - strike))
    : strike + seedScale;
  // With strongly negative carry Haug's seed can fall on the wrong side of the strike.
  if (!(omega * (si - strike) > 0)) si = strike * (1 + omega / 2);
  const carryDiscount = Math.exp((carry - rate) * time);
  const rateDiscount = Math.exp(-rate * time);
  const drift = (carry + variance / 2) * time;
  // Safeguard: the root is bracketed between `near` (the strike side, g < 0) and `far` (g > 0);
  // a Halley step leaving the bracket is replaced by bisection (doubling while `far` is infinite).
  let near = strike;
  let far = omega > 0 ? Number.POSITIVE_INFINITY : 0;
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    const d1 = (Math.log(si / strike) + drift) / volSqrtTime;
    const cdf = normalCdf(omega * d1);
    const european =
      omega * (si * carryDiscount * cdf - strike * rateDiscount * normalCdf(omega * (d1 - volSqrtTime)));
    const g = omega * (si - strike) - european - (omega * (1 - carryDiscount * cdf) * si) / q;
    cdfAtCritical = cdf;
    if (Math.abs(g) <= CRITICAL_PRICE_TOLERANCE * strike) break;
    const density = (carryDiscount * normalPdf(d1)) / volSqrtTime;
    const rhsSlope = omega * carryDiscount * cdf * (1 - 1 / q) + (omega - density) / q;
    const slope = omega - rhsSlope;
    const curvature = -(density / si) * (1 - 1 / q + d1 / (q * volSqrtTime));
    if (g > 0) far = si;
    else near = si;
    const next = si - (2 * g * slope) / (2 * slope * slope - g * curvature);
    if ((next - near) * (next - far) < 0) si = next;
    else si = Number.isFinite(far) ? (near + far) / 2 : strike + 2 * (si - strike);
  }
  return si;
}

/**
 * American option value by the Barone-Adesi & Whaley (1987) quadratic approximation, generalised to a
 * cost of carry b (Haug 2007 ch. 3.2.1): b = r − q for a stock with dividend yield q, b = 0 for a
 * futures option, b = r − r_f for FX. `time` in years, `rate`, `carry`, `vol` as annual decimals
 * (continuous compounding), rate ≥ 0. A call with b ≥ r (and a put with r = 0) is never exercised
 * early and is priced as European. The critical price is solved to a boundary residual of 1e-6 × strike.
 */
export function baroneAdesiWhaleyPrice(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): number {
  requireAmericanApproximationInputs(type, spot, strike, time, rate, carry, vol);
  const isCall = type === 'call';
  if (isCall ? carry >= rate : rate <= 0) return lognormalPrice(isCall, spot, strike, time, rate, carry, vol);
  const omega = isCall ? 1 : -1;
  const variance = vol * vol;
  const q = exponent(omega, (2 * carry) / variance, quadraticCoefficient(rate, time, variance));
  const critical = criticalPrice(omega, strike, time, rate, carry, vol, q);
  // No finite boundary (b within rounding of r): early exercise is worth nothing.
  if (!Number.isFinite(critical)) return lognormalPrice(isCall, spot, strike, time, rate, carry, vol);
  if (omega * (spot - critical) >= 0) return omega * (spot - strike);
  const premiumScale = ((omega * critical) / q) * (1 - Math.exp((carry - rate) * time) * cdfAtCritical);
  const value =
    lognormalPrice(isCall, spot, strike, time, rate, carry, vol) + premiumScale * (spot / critical) ** q;
  // Within the boundary tolerance just inside S* the approximation can dip below exercise value.
  const intrinsic = omega * (spot - strike);
  return Math.max(value, intrinsic);
}
