/**
 * First-order Greeks of European options, analytic (Haug, "The Complete Guide to Option Pricing
 * Formulas", 2nd ed. 2007, §2.1–2.5 for the generalised BSM; Bachelier by differentiating eq. (2.7) of
 * Schachermayer & Teichmann 2008). Conventions for every model:
 *   - delta ∂V/∂S (∂V/∂F for Black-76 and Bachelier), gamma ∂²V/∂S² per unit of the underlying;
 *   - vega ∂V/∂σ per 1.00 of vol (divide by 100 for "per vol point");
 *   - theta = −∂V/∂T per year (the value change as calendar time passes; divide by 365 per day);
 *   - rho ∂V/∂r per 1.00 of rate.
 * With σ√T = 0 the Greeks are those of the discounted forward intrinsic value (gamma and vega 0).
 */
import { normalCdf, normalPdf } from '../statistics/normal.js';
import { undiscountedBachelier } from './bachelier.js';
import { checkLognormalInputs, checkNormalInputs } from './option-inputs.js';
import type { OptionType } from './types.js';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** A price with its first-order sensitivities (units in the module comment). */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** Generalised-BSM Greeks plus the sensitivity to the cost of carry. */
export interface BlackScholesGreeks extends Greeks {
  /** ∂V/∂b per 1.00 of carry (Haug 2007 §2.5.3): −∂V/∂q for a dividend yield, ∂V/∂r_d − ∂V/∂r for FX. */
  carryRho: number;
}

/**
 * Generalised Black–Scholes–Merton Greeks with cost of carry b (Haug 2007 ch. 2). Here `rho` is
 * ∂V/∂r holding b fixed (= −T·V, the discounting effect); `carryRho` is ∂V/∂b, so the rho of an
 * option whose carry moves one for one with the rate (b = r − q) is rho + carryRho.
 */
export function blackScholesGreeks(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): BlackScholesGreeks {
  checkLognormalInputs(type, spot, strike, time, rate, carry, vol);
  const greeks = lognormalGreeks(type === 'call', spot, strike, time, rate, carry, vol);
  greeks.rho -= greeks.carryRho;
  return greeks;
}

/**
 * Black–Scholes–Merton Greeks of a European option on a stock with dividend yield q (b = r − q);
 * rho = ∂V/∂r with q fixed (Hull's rho: K·T·e^{−rT}·N(d2) for a call).
 */
export function bsmGreeks(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  dividend: number,
  vol: number,
): Greeks {
  checkLognormalInputs(type, spot, strike, time, rate, rate - dividend, vol);
  return lognormalGreeks(type === 'call', spot, strike, time, rate, rate - dividend, vol);
}

/**
 * Black (1976) Greeks of an option on a futures price F: delta and gamma with respect to F, theta with
 * F held fixed, rho = ∂V/∂r = −T·V (the futures price does not move with r).
 */
export function black76Greeks(
  type: OptionType,
  forward: number,
  strike: number,
  time: number,
  rate: number,
  vol: number,
): Greeks {
  checkLognormalInputs(type, forward, strike, time, rate, 0, vol, 'forward');
  const greeks = lognormalGreeks(type === 'call', forward, strike, time, rate, 0, vol);
  return {
    price: greeks.price,
    delta: greeks.delta,
    gamma: greeks.gamma,
    vega: greeks.vega,
    theta: greeks.theta,
    rho: -time * greeks.price,
  };
}

/**
 * Bachelier Greeks on the forward, discounted at r: delta = e^{−rT}·N(±d), gamma = e^{−rT}·n(d)/(σ_N√T),
 * vega = e^{−rT}·√T·n(d) per 1.00 of normal vol, theta = r·V − e^{−rT}·σ_N·n(d)/(2√T) per year,
 * rho = −T·V.
 */
export function bachelierGreeks(
  type: OptionType,
  forward: number,
  strike: number,
  time: number,
  rate: number,
  normalVol: number,
): Greeks {
  checkNormalInputs(type, forward, strike, time, rate, normalVol);
  const isCall = type === 'call';
  const discount = Math.exp(-rate * time);
  const sqrtTime = Math.sqrt(time);
  const stdDev = normalVol * sqrtTime;
  const price = discount * undiscountedBachelier(isCall, forward, strike, stdDev);
  const moneyness = isCall ? forward - strike : strike - forward;
  if (stdDev === 0) {
    const inTheMoney = moneyness > 0 ? 1 : 0;
    return {
      price,
      delta: (isCall ? 1 : -1) * discount * inTheMoney,
      gamma: 0,
      vega: 0,
      theta: rate * price,
      rho: -time * price,
    };
  }
  const d = moneyness / stdDev;
  const density = normalPdf(d);
  return {
    price,
    delta: (isCall ? 1 : -1) * discount * normalCdf(d),
    gamma: (discount * density) / stdDev,
    vega: discount * sqrtTime * density,
    theta: rate * price - (discount * normalVol * density) / (2 * sqrtTime),
    rho: -time * price,
  };
}

/**
 * The generalised-BSM price and Greeks (Haug 2007 ch. 2), with `rho` = ∂V/∂r when b moves with r
 * (T·K·e^{−rT}·N(d2) for a call) and `carryRho` = ∂V/∂b. No input checks; one allocation.
 */
export function lognormalGreeks(
  isCall: boolean,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): BlackScholesGreeks {
  const discount = Math.exp(-rate * time);
  const carryDiscount = Math.exp((carry - rate) * time);
  const sqrtTime = Math.sqrt(time);
  const volSqrtTime = vol * sqrtTime;
  const sign = isCall ? 1 : -1;
  const forwardTerm = spot * carryDiscount;
  const strikeTerm = strike * discount;
  if (volSqrtTime === 0) {
    // Discounted forward intrinsic value: V = e^{−rT}·max(±(S·e^{bT} − K), 0).
    const indicator = sign * (forwardTerm - strikeTerm) > 0 ? sign : 0;
    return {
      price: indicator * (forwardTerm - strikeTerm),
      delta: indicator * carryDiscount,
      gamma: 0,
      vega: 0,
      theta: -indicator * ((carry - rate) * forwardTerm + rate * strikeTerm),
      rho: indicator * time * strikeTerm,
      carryRho: indicator * time * forwardTerm,
    };
  }
  const d1 = (Math.log(spot / strike) + carry * time) / volSqrtTime + volSqrtTime / 2;
  const d2 = d1 - volSqrtTime;
  const cdf1 = normalCdf(sign * d1);
  const cdf2 = normalCdf(sign * d2);
  // n(d1) in one exp: the Greeks need no more than relative precision ~1e-15·d1² of the density.
  const density = Math.exp(-0.5 * d1 * d1) * INV_SQRT_2PI;
  return {
    price: sign * (forwardTerm * cdf1 - strikeTerm * cdf2),
    delta: sign * carryDiscount * cdf1,
    gamma: (carryDiscount * density) / (spot * volSqrtTime),
    vega: forwardTerm * density * sqrtTime,
    theta:
      (-forwardTerm * density * vol) / (2 * sqrtTime) -
      sign * ((carry - rate) * forwardTerm * cdf1 + rate * strikeTerm * cdf2),
    rho: sign * time * strikeTerm * cdf2,
    carryRho: sign * time * forwardTerm * cdf1,
  };
}
