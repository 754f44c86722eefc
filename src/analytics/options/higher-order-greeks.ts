/**
 * Higher-order Greeks of the generalised Black–Scholes–Merton model with cost of carry b, analytic
 * (Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed. 2007, §2.2–2.4; n = standard normal
 * density, E = e^{(b−r)T}). Units: vol derivatives per 1.00 of vol, time derivatives per year with the
 * sign of calendar time passing (−∂/∂T, like theta):
 *   vanna  ∂²V/∂S∂σ = −E·n(d1)·d2/σ                          (Haug §2.2.2, DdeltaDvol)
 *   volga  ∂²V/∂σ² = vega·d1·d2/σ                             (§2.4.3, vomma)
 *   ultima ∂³V/∂σ³ = vega·(d1²d2² − d1² − d2² − d1d2)/σ²     (§2.4.6, DvommaDvol, rearranged)
 *   charm  −∂Δ/∂T = −E·[n(d1)(b/(σ√T) − d2/(2T)) ± (b−r)·N(±d1)]   (§2.2.3, DdeltaDtime)
 *   speed  ∂Γ/∂S = −Γ·(1 + d1/(σ√T))/S                       (§2.3.6, DgammaDspot)
 *   zomma  ∂Γ/∂σ = Γ·(d1d2 − 1)/σ                             (§2.3.4, DgammaDvol)
 *   color  −∂Γ/∂T = Γ·(r − b + b·d1/(σ√T) + (1 − d1d2)/(2T))  (§2.3.7, DgammaDtime)
 *   veta   −∂vega/∂T = vega·(r − b + b·d1/(σ√T) − (1 + d1d2)/(2T))  (§2.4.4, DvegaDtime)
 * Only charm depends on call/put (vanna, volga, speed, zomma, color, veta, ultima are the same for both
 * by put–call parity). With σ√T = 0 all are 0 (their limits are singular at the money).
 */
import { normalCdf } from '../statistics/normal.js';
import { checkLognormalInputs } from './option-inputs.js';
import type { OptionType } from './types.js';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Second- and third-order sensitivities (units in the module comment). */
export interface HigherOrderGreeks {
  vanna: number;
  volga: number;
  ultima: number;
  charm: number;
  speed: number;
  zomma: number;
  color: number;
  veta: number;
}

/** Higher-order Greeks of a European option under generalised BSM with cost of carry `carry`. */
export function blackScholesHigherOrderGreeks(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): HigherOrderGreeks {
  checkLognormalInputs(type, spot, strike, time, rate, carry, vol);
  const sqrtTime = Math.sqrt(time);
  const volSqrtTime = vol * sqrtTime;
  if (volSqrtTime === 0)
    return { vanna: 0, volga: 0, ultima: 0, charm: 0, speed: 0, zomma: 0, color: 0, veta: 0 };
  const carryDiscount = Math.exp((carry - rate) * time);
  const d1 = (Math.log(spot / strike) + carry * time) / volSqrtTime + volSqrtTime / 2;
  const d2 = d1 - volSqrtTime;
  const density = Math.exp(-0.5 * d1 * d1) * INV_SQRT_2PI;
  const gamma = (carryDiscount * density) / (spot * volSqrtTime);
  const vega = spot * carryDiscount * density * sqrtTime;
  const driftOfD1 = carry / volSqrtTime - d2 / (2 * time); // ∂d1/∂T
  const sign = type === 'call' ? 1 : -1;
  const d1d2 = d1 * d2;
  return {
    vanna: (-carryDiscount * density * d2) / vol,
    volga: (vega * d1d2) / vol,
    ultima: (vega * (d1d2 * d1d2 - d1 * d1 - d2 * d2 - d1d2)) / (vol * vol),
    charm: -carryDiscount * (density * driftOfD1 + sign * (carry - rate) * normalCdf(sign * d1)),
    speed: (-gamma * (1 + d1 / volSqrtTime)) / spot,
    zomma: (gamma * (d1d2 - 1)) / vol,
    color: gamma * (rate - carry + (carry * d1) / volSqrtTime + (1 - d1d2) / (2 * time)),
    veta: vega * (rate - carry + (carry * d1) / volSqrtTime - (1 + d1d2) / (2 * time)),
  };
}

/** Higher-order Greeks of a stock option with continuous dividend yield q (b = r − q). */
export function bsmHigherOrderGreeks(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  dividend: number,
  vol: number,
): HigherOrderGreeks {
  return blackScholesHigherOrderGreeks(type, spot, strike, time, rate, rate - dividend, vol);
}
