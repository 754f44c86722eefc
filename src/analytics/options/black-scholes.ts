/**
 * European option prices under the generalised Black–Scholes–Merton model with cost of carry b
 * (Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed. 2007, §1.1.6):
 *   c = S·e^{(b−r)T}·N(d1) − K·e^{−rT}·N(d2),   p = K·e^{−rT}·N(−d2) − S·e^{(b−r)T}·N(−d1),
 *   d1 = (ln(S/K) + (b + σ²/2)T) / (σ√T),   d2 = d1 − σ√T.
 * b = r gives Black–Scholes (1973), b = r − q Merton (1973) with continuous dividend yield q,
 * b = 0 Black (1976) on a futures price, b = r − rf Garman–Kohlhagen (1983) for FX.
 * Units: rates, carry and vol are annual decimals (0.08 = 8 %), time in years.
 * Degenerate inputs: with σ√T = 0 the price is the discounted forward intrinsic value
 * e^{−rT}·max(±(S·e^{bT} − K), 0).
 */
import { normalCdf, normalCdfMinusHalf } from '../statistics/normal.js';
import { checkLognormalInputs } from './option-inputs.js';
import type { OptionType } from './types.js';

/**
 * Generalised Black–Scholes–Merton price of a European option (Haug 2007, eq. 1.1.6 family).
 * `carry` is the annual cost of carry b; `vol` the annual lognormal volatility.
 */
export function blackScholesPrice(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): number {
  checkLognormalInputs(type, spot, strike, time, rate, carry, vol);
  return lognormalPrice(type === 'call', spot, strike, time, rate, carry, vol);
}

/** Black–Scholes–Merton price of a European option on a stock with continuous dividend yield q: b = r − q. */
export function bsmPrice(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  dividend: number,
  vol: number,
): number {
  checkLognormalInputs(type, spot, strike, time, rate, rate - dividend, vol);
  return lognormalPrice(type === 'call', spot, strike, time, rate, rate - dividend, vol);
}

/** Black (1976) price of a European option on a futures/forward price F, discounted at r (b = 0). */
export function black76Price(
  type: OptionType,
  forward: number,
  strike: number,
  time: number,
  rate: number,
  vol: number,
): number {
  checkLognormalInputs(type, forward, strike, time, rate, 0, vol, 'forward');
  return lognormalPrice(type === 'call', forward, strike, time, rate, 0, vol);
}

/** The generalised BSM price without input checks (callers have validated). */
export function lognormalPrice(
  isCall: boolean,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): number {
  const discount = Math.exp(-rate * time);
  const carryDiscount = Math.exp((carry - rate) * time);
  const volSqrtTime = vol * Math.sqrt(time);
  if (volSqrtTime === 0) {
    const intrinsic = isCall
      ? spot * carryDiscount - strike * discount
      : strike * discount - spot * carryDiscount;
    return Math.max(intrinsic, 0);
  }
  const d1 = (Math.log(spot / strike) + carry * time) / volSqrtTime + volSqrtTime / 2;
  const d2 = d1 - volSqrtTime;
  const forwardTerm = spot * carryDiscount;
  const strikeTerm = strike * discount;
  if (d1 > 0 && d2 < 0) {
    // Straddling the money: with Φ(d) = ½ + (Φ(d) − ½) the two Φ − ½ terms add up instead of
    // cancelling, so tiny near-the-money prices (σ√T → 0) keep their relative precision.
    const aboveHalf = forwardTerm * normalCdfMinusHalf(d1) - strikeTerm * normalCdfMinusHalf(d2);
    return (isCall ? forwardTerm - strikeTerm : strikeTerm - forwardTerm) / 2 + aboveHalf;
  }
  return isCall
    ? forwardTerm * normalCdf(d1) - strikeTerm * normalCdf(d2)
    : strikeTerm * normalCdf(-d2) - forwardTerm * normalCdf(-d1);
}
