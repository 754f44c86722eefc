/**
 * Implied volatility: the σ at which the generalised Black–Scholes–Merton price (carry b) equals a
 * given price, and the normal volatility σ_N at which the Bachelier price does.
 *
 * Lognormal method (after Jäckel, "Let's be rational", Wilmott 2015, §2–3): the price is turned,
 * by put–call parity, into the normalised out-of-the-money call β = p_OTM / (e^{−rT}·√(F·K)) at
 * log-moneyness x = −|ln(F/K)| ≤ 0, with b(x, s) = e^{x/2}·N(x/s + s/2) − e^{−x/2}·N(x/s − s/2),
 * s = σ√T, increasing from 0 to e^{x/2}, convex below its inflection s_c = √(2|x|) and concave above.
 * Householder (Halley) steps solve ln b(s) = ln β (prices up to 70 % of the bound) or
 * ln(e^{x/2} − b(s)) = ln(e^{x/2} − β) (above), kept inside a bracket that every evaluation shrinks,
 * with bisection whenever a step leaves it; this converges for every β in (0, e^{x/2}) and stops when
 * the step is below 1e-15·s (typically 3–6 iterations). Near x = 0 b is evaluated as
 * sinh(x/2) + e^{x/2}(N(d1) − ½) − e^{−x/2}(N(d2) − ½), which keeps tiny ATM prices exact.
 *
 * A price at the lower bound (intrinsic value of the discounted forward) has implied vol 0; a price
 * below it, or at or above the upper bound (e^{−rT}F for a call, e^{−rT}K for a put), has none:
 * `NoImpliedVolatilityError` says which and gives the bounds.
 */
import { normalCdf, normalCdfMinusHalf, normalPdf, normalQuantile } from '../statistics/normal.js';
import { requireFinite, requirePositive } from '../statistics/validate.js';
import { checkLognormalInputs, checkNormalInputs } from './option-inputs.js';
import type { OptionType } from './types.js';

/** Why a price has no implied volatility. */
export type NoImpliedVolatilityReason = 'below-intrinsic' | 'above-maximum' | 'invalid-input';

/** A price outside the model's no-arbitrage bounds, so no volatility reproduces it. */
export class NoImpliedVolatilityError extends RangeError {
  readonly reason: NoImpliedVolatilityReason;
  constructor(reason: NoImpliedVolatilityReason, message: string) {
    super(message);
    this.name = 'NoImpliedVolatilityError';
    this.reason = reason;
  }
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const MAX_ITERATIONS = 200;
/** Halley steps allowed before the solver falls back to pure bisection of its bracket. */
const HALLEY_ITERATIONS = 12;
const RELATIVE_STEP_TOLERANCE = 1e-15;
/** A Halley step this small (relative) leaves an error of order its cube: the last one needed. */
const CUBIC_STOP = 1e-6;
/** Above this fraction of the bound e^{x/2}, solve on the complement e^{x/2} − b. */
const UPPER_OBJECTIVE_FRACTION = 0.7;

/**
 * Implied generalised-BSM volatility (annual, decimal) of a European option with price `price`,
 * cost of carry `carry` (b = r − q for a dividend yield q, 0 for futures). Throws
 * `NoImpliedVolatilityError` when the price is below the discounted forward intrinsic value or at/above
 * the upper bound; returns 0 for a price equal to the intrinsic value.
 */
export function impliedVolatility(
  type: OptionType,
  price: number,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
): number {
  checkLognormalInputs(type, spot, strike, time, rate, carry, 0);
  requireFinite('price', price);
  if (time === 0)
    throw new NoImpliedVolatilityError('invalid-input', 'time must be > 0 to imply a volatility, got 0');
  const discount = Math.exp(-rate * time);
  const forward = spot * Math.exp(carry * time);
  const isCall = type === 'call';
  const undiscounted = price / discount;
  const intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0);
  const upper = isCall ? forward : strike;
  // A price within rounding (a few ulps of the parity terms) of the intrinsic value counts as on it.
  const roundingSlack = 8 * Number.EPSILON * (forward + strike) * discount;
  checkBounds(price, roundingSlack, intrinsic * discount, upper * discount);
  if (undiscounted <= intrinsic) return 0;
  const outOfTheMoney = undiscounted - intrinsic;
  const logMoneyness = -Math.abs(Math.log(forward / strike));
  const beta = outOfTheMoney / Math.sqrt(forward * strike);
  // When the OTM premium rounds to (or beyond) the bound, the price carries no more information.
  const bound = Math.exp(logMoneyness / 2);
  if (!(beta < bound)) throw boundError('above-maximum', price, intrinsic * discount, upper * discount);
  return normalisedImpliedStdDev(beta, logMoneyness) / Math.sqrt(time);
}

/** Implied Black–Scholes–Merton volatility of a stock option with continuous dividend yield q (b = r − q). */
export function bsmImpliedVolatility(
  type: OptionType,
  price: number,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  dividend: number,
): number {
  requireFinite('dividend', dividend);
  return impliedVolatility(type, price, spot, strike, time, rate, rate - dividend);
}

/** Implied Black (1976) volatility of an option on a futures/forward price F, discounted at r (b = 0). */
export function black76ImpliedVolatility(
  type: OptionType,
  price: number,
  forward: number,
  strike: number,
  time: number,
  rate: number,
): number {
  requirePositive('forward', forward);
  return impliedVolatility(type, price, forward, strike, time, rate, 0);
}

/**
 * Implied Bachelier (normal) volatility in price units per √year of a European option on forward F,
 * discounted at `rate`. Throws `NoImpliedVolatilityError` below the discounted intrinsic value; returns 0
 * at it. (The Bachelier price has no upper bound.) The undiscounted time value is v = |F − K|·h(u)/u with
 * u = |F − K|/(σ_N√T) and h(u) = n(u) − u·N(−u) (decreasing in u): Halley steps on ln(h(u)/u) with a
 * bisection safeguard; near the money the expansion h(u)/u = n(0)/u − ½ + O(u) gives σ_N directly.
 */
export function bachelierImpliedVolatility(
  type: OptionType,
  price: number,
  forward: number,
  strike: number,
  time: number,
  rate: number,
): number {
  checkNormalInputs(type, forward, strike, time, rate, 0);
  requireFinite('price', price);
  if (time === 0)
    throw new NoImpliedVolatilityError('invalid-input', 'time must be > 0 to imply a volatility, got 0');
  const discount = Math.exp(-rate * time);
  const isCall = type === 'call';
  const intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0);
  const roundingSlack = 8 * Number.EPSILON * (Math.abs(forward) + Math.abs(strike)) * discount;
  checkBounds(price, roundingSlack, intrinsic * discount, Number.POSITIVE_INFINITY);
  const timeValue = price / discount - intrinsic;
  if (timeValue <= 0) return 0;
  const distance = Math.abs(forward - strike);
  const sqrtTime = Math.sqrt(time);
  // Near the money h(u)/u = n(0)/u − ½ + O(u): σ_N√T = √(2π)·(v + |F − K|/2) to relative O(u²).
  if (distance < 1e-8 * timeValue) return (timeValue + distance / 2) / INV_SQRT_2PI / sqrtTime;
  // Solve g(u) = ln(h(u)/u) = ln(timeValue/distance), h(u) = n(u) − u·N(−u), decreasing in u = distance/stdDev.
  const target = Math.log(timeValue / distance);
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  // Start from the asymptotes h(u)/u ≈ 1/(√(2π)·u) (u → 0) and ln(h(u)/u) ≈ −u²/2 (u → ∞).
  let u =
    target > 0
      ? Math.min(1, distance / timeValue / Math.sqrt(2 * Math.PI))
      : Math.min(40, Math.sqrt(-2 * target) + 0.5);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const tail = normalCdf(-u);
    const h = normalPdf(u) - u * tail;
    const f = Math.log(h / u) - target;
    if (f > 0) low = u;
    else high = u;
    // g' = −N(−u)/h − 1/u; g'' from h' = −N(−u), h'' = n(u).
    const g1 = -tail / h - 1 / u;
    const g2 = normalPdf(u) / h - (tail / h) ** 2 + 1 / (u * u);
    if (f === 0) break;
    const step = i < HALLEY_ITERATIONS ? halleyStep(f, g1, g2) : Number.NaN;
    if (Math.abs(step) <= CUBIC_STOP * u) {
      u -= step;
      break;
    }
    let next = u - step;
    if (!(next > low && next < high)) next = bisect(low, high, u);
    if (Math.abs(next - u) <= RELATIVE_STEP_TOLERANCE * u) {
      u = next;
      break;
    }
    u = next;
  }
  return distance / u / sqrtTime;
}

/**
 * The Halley (Householder order 2) step f/f′ / (1 − f·f″/(2f′²)), reduced to Newton's when the
 * correction factor leaves [0.5, 2] (far from the root, where it is not to be trusted).
 */
function halleyStep(f: number, g1: number, g2: number): number {
  const newton = f / g1;
  const factor = 1 - (newton * g2) / (2 * g1);
  return factor >= 0.5 && factor <= 2 ? newton / factor : newton;
}

/** Midpoint of the bracket: geometric when both ends are positive and finite, doubling when open. */
function bisect(low: number, high: number, current: number): number {
  if (!Number.isFinite(high)) return 2 * Math.max(current, low);
  if (low > 0) return Math.sqrt(low * high);
  return high / 2;
}

/** Below `lower` by more than the rounding slack, or at/above `upper`: no implied volatility. */
function checkBounds(price: number, slack: number, lower: number, upper: number): void {
  if (price + slack < lower) throw boundError('below-intrinsic', price, lower, upper);
  if (price >= upper) throw boundError('above-maximum', price, lower, upper);
}

function boundError(
  reason: NoImpliedVolatilityReason,
  price: number,
  lower: number,
  upper: number,
): NoImpliedVolatilityError {
  const where =
    reason === 'below-intrinsic'
      ? `below the discounted intrinsic value ${lower}`
      : `at or above the no-arbitrage upper bound ${upper}`;
  return new NoImpliedVolatilityError(
    reason,
    `price ${price} has no implied volatility: it is ${where} (arbitrage-free prices lie in [${lower}, ${upper}))`,
  );
}

/** Normalised OTM call b(x, s) for x ≤ 0 (module comment), accurate for tiny s near x = 0 too. */
export function normalisedOtmCall(x: number, s: number): number {
  const d1 = x / s + s / 2;
  const d2 = d1 - s;
  const up = Math.exp(x / 2);
  const down = 1 / up;
  if (d1 > 0 && x > -0.5) {
    return Math.sinh(x / 2) + up * normalCdfMinusHalf(d1) - down * normalCdfMinusHalf(d2);
  }
  return up * normalCdf(d1) - down * normalCdf(d2);
}

/** e^{x/2} − b(x, s) = e^{x/2}·N(−d1) + e^{−x/2}·N(d2), without cancellation for large s. */
function complementOtmCall(x: number, s: number): number {
  const d1 = x / s + s / 2;
  return Math.exp(x / 2) * normalCdf(-d1) + Math.exp(-x / 2) * normalCdf(d1 - s);
}

/** The total standard deviation s = σ√T with b(x, s) = β, for 0 < β < e^{x/2}, x ≤ 0. */
function normalisedImpliedStdDev(beta: number, x: number): number {
  const bound = Math.exp(x / 2);
  const useComplement = beta > UPPER_OBJECTIVE_FRACTION * bound;
  const target = useComplement ? Math.log(bound - beta) : Math.log(beta);
  const inflection = Math.sqrt(-2 * x);
  let s = initialGuess(beta, x, bound, inflection);
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const value = useComplement ? complementOtmCall(x, s) : normalisedOtmCall(x, s);
    // Normalised vega ∂b/∂s = exp(−(x²/s² + s²/4)/2)/√(2π); ∂²b/∂s² = vega·(x²/s³ − s/4).
    const vega = INV_SQRT_2PI * Math.exp(-0.5 * ((x * x) / (s * s) + (s * s) / 4));
    const curvature = (x * x) / (s * s * s) - s / 4;
    let f: number;
    let g1: number;
    let g2: number;
    if (useComplement) {
      f = target - Math.log(value); // increasing in s
      g1 = vega / value;
      g2 = g1 * curvature + g1 * g1;
    } else {
      f = Math.log(value) - target;
      g1 = vega / value;
      g2 = g1 * curvature - g1 * g1;
    }
    if (f < 0) low = s;
    else high = s;
    if (f === 0 || !(value > 0) || g1 === 0) {
      if (f === 0) return s;
      // Underflow of b or its vega: fall back to bisection inside the bracket.
      s = bisect(low, high, s);
      continue;
    }
    const step = i < HALLEY_ITERATIONS ? halleyStep(f, g1, g2) : Number.NaN;
    let next = s - step;
    // Halley converges cubically: after a step below 1e-6·s the next error is far below 1e-15·s.
    if (Math.abs(step) <= CUBIC_STOP * s) return next;
    if (!(next > low && next < high)) next = bisect(low, high, s);
    if (Math.abs(next - s) <= RELATIVE_STEP_TOLERANCE * s) return next;
    if (Number.isFinite(high) && high - low <= RELATIVE_STEP_TOLERANCE * high) return next;
    s = next;
  }
  return s;
}

/**
 * Starting point: ATM-exact inverse 2·Φ⁻¹((1 + β/bound)/2) above the inflection point; below it the
 * small-price asymptote ln b ≈ −x²/(2s²) (Jäckel 2015 §3 uses the same limits for his rational guesses).
 */
function initialGuess(beta: number, x: number, bound: number, inflection: number): number {
  const atTheMoney = atTheMoneyInverse(beta / bound);
  if (x === 0) return atTheMoney;
  const atInflection = normalisedOtmCall(x, inflection);
  if (beta >= atInflection) return Math.max(atTheMoney, inflection);
  const asymptotic = -x / Math.sqrt(-2 * Math.log(beta / atInflection) + (x * x) / (inflection * inflection));
  return Math.min(Math.max(asymptotic, atTheMoney), inflection);
}

/** The s with b(0, s) = 2Φ(s/2) − 1 = p; linear (s = √(2π)·p) where ½ + p/2 would round. */
function atTheMoneyInverse(p: number): number {
  return p < 1e-8 ? p / INV_SQRT_2PI : 2 * normalQuantile(0.5 + p / 2);
}
