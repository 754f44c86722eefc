/**
 * European options under the Bachelier (1900) normal model on the forward, discounted at r:
 *   c = e^{−rT}·[(F − K)·N(d) + σ_N√T·n(d)],   p = e^{−rT}·[(K − F)·N(−d) + σ_N√T·n(d)],
 *   d = (F − K) / (σ_N√T),
 * with σ_N the normal (absolute) volatility in price units per √year (e.g. 0.0075 for 75 bp/√yr on a
 * rate). Reference: Schachermayer & Teichmann, "How close are the option pricing formulas of
 * Bachelier and Black–Merton–Scholes?" (Math. Finance 18, 2008), eq. (2.7); at the money
 * c = p = e^{−rT}·σ_N·√(T/2π). Forward and strike may be negative or zero.
 */
import { normalCdf, normalPdf } from '../statistics/normal.js';
import { checkNormalInputs } from './option-inputs.js';
import type { OptionType } from './types.js';

/** Bachelier price of a European option on forward F, discounted at `rate`; normalVol per √year. */
export function bachelierPrice(
  type: OptionType,
  forward: number,
  strike: number,
  time: number,
  rate: number,
  normalVol: number,
): number {
  checkNormalInputs(type, forward, strike, time, rate, normalVol);
  return (
    Math.exp(-rate * time) *
    undiscountedBachelier(type === 'call', forward, strike, normalVol * Math.sqrt(time))
  );
}

/** Undiscounted Bachelier price for a total standard deviation `stdDev` = σ_N√T (no checks). */
export function undiscountedBachelier(
  isCall: boolean,
  forward: number,
  strike: number,
  stdDev: number,
): number {
  const moneyness = isCall ? forward - strike : strike - forward;
  if (stdDev === 0) return Math.max(moneyness, 0);
  const d = moneyness / stdDev;
  return moneyness * normalCdf(d) + stdDev * normalPdf(d);
}
