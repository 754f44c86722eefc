/**
 * Geometric average-rate (Asian) options in closed form. The geometric mean of a lognormal price is
 * lognormal, so the option is a generalised Black–Scholes option with an adjusted carry and vol:
 * continuous averaging from Kemna & Vorst (1990), "A pricing method for options based on average
 * asset values", J. Banking & Finance 14, 113–129, as in Haug (2007) ch. 4.20.1; discrete averaging
 * over n equally spaced fixings (the last at expiry) by the same moment matching of the discrete
 * geometric mean (Haug 2007 ch. 4.20.1, discrete case; Kemna & Vorst 1990 §3).
 */
import { requireInteger } from '../../statistics/validate.js';
import { lognormalPrice } from '../black-scholes.js';
import { requireOptionInputs } from '../option-inputs.js';
import type { OptionType } from '../types.js';

/**
 * Continuously averaged geometric average-rate option, payoff max(ω(G_T − K), 0) with G_T the
 * geometric mean of the price over [0, T] (Kemna & Vorst 1990; Haug 2007 eq. (4.58)): GBS with
 * b_A = ½(b − σ²/6) and σ_A = σ/√3. `time` in years; `rate`, `carry` (b = r − q), `vol` annual
 * decimals, continuous compounding.
 */
export function geometricAsianPrice(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): number {
  requireOptionInputs(type, spot, strike, time, rate, carry, vol);
  const adjustedCarry = 0.5 * (carry - (vol * vol) / 6);
  return lognormalPrice(type === 'call', spot, strike, time, rate, adjustedCarry, vol / Math.sqrt(3));
}

/**
 * Discretely averaged geometric average-rate option on `fixings` equally spaced observations at
 * t_i = iT/n, i = 1…n (the last at expiry), payoff max(ω(G − K), 0) with G = (Π S(t_i))^{1/n}.
 * ln G is normal with mean ln S + (b − σ²/2)T(n + 1)/(2n) and variance σ²T(n + 1)(2n + 1)/(6n²);
 * priced as GBS with the matching carry and vol (Kemna & Vorst 1990 §3; Haug 2007 ch. 4.20.1).
 * Tends to `geometricAsianPrice` as n → ∞.
 */
export function discreteGeometricAsianPrice(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
  fixings: number,
): number {
  requireOptionInputs(type, spot, strike, time, rate, carry, vol);
  requireInteger('fixings', fixings, 1);
  const n = fixings;
  const variance = (vol * vol * (n + 1) * (2 * n + 1)) / (6 * n * n);
  const meanLogGrowth = ((carry - (vol * vol) / 2) * (n + 1)) / (2 * n);
  const adjustedCarry = meanLogGrowth + variance / 2;
  return lognormalPrice(type === 'call', spot, strike, time, rate, adjustedCarry, Math.sqrt(variance));
}
