/**
 * Bjerksund & Stensland (2002), "Closed form valuation of American options", Discussion paper, NHH:
 * the two-step flat exercise boundary approximation, in the generalised cost-of-carry form of Haug
 * (2007), "The Complete Guide to Option Pricing Formulas", 2nd ed., ch. 3.2.3 (φ and ψ functions).
 * The boundary is flat at I1 on [0, t1] and at I2 on [t1, T], with t1 = ½(√5 − 1)T.
 */
import { bivariateNormalCdf } from '../../statistics/bivariate-normal.js';
import { normalCdf } from '../../statistics/normal.js';
import { blackScholesPrice } from '../black-scholes.js';
import { requireAmericanApproximationInputs } from '../option-inputs.js';
import type { OptionType } from '../types.js';

/** The market of one valuation: rate r, carry b, vol σ (annual decimals). */
interface Market {
  readonly rate: number;
  readonly carry: number;
  readonly vol: number;
}

/** Drift term (b + (γ − ½)σ²) shared by φ and ψ. */
function gammaDrift(market: Market, gamma: number): number {
  return market.carry + (gamma - 0.5) * market.vol * market.vol;
}

/** λ(γ) = −r + γb + ½γ(γ − 1)σ² (per year). */
function lambda(market: Market, gamma: number): number {
  return -market.rate + gamma * market.carry + 0.5 * gamma * (gamma - 1) * market.vol * market.vol;
}

/** κ(γ) = 2b/σ² + 2γ − 1. */
function kappa(market: Market, gamma: number): number {
  return (2 * market.carry) / (market.vol * market.vol) + (2 * gamma - 1);
}

/** e^{logWeight}·probability, 0 when the probability is 0 (so an overflowing weight gives no ∞·0). */
function weighted(logWeight: number, probability: number): number {
  return probability === 0 ? 0 : Math.exp(logWeight) * probability;
}

/**
 * e^{scale}·φ(S, T, γ, H, I) of Bjerksund & Stensland (1993, 2002; Haug 2007 p. 105): the value of
 * S^γ paid at T if the flat barrier I is not hit, with H the strike-like level. The coefficient e^{scale}
 * (ln α, ln K or 0) and the powers enter one exponent, so huge γ (low vol) neither overflows nor
 * multiplies ∞ by 0.
 */
function phi(
  market: Market,
  spot: number,
  time: number,
  gamma: number,
  h: number,
  i: number,
  scale: number,
): number {
  const volSqrtTime = market.vol * Math.sqrt(time);
  const d = -(Math.log(spot / h) + gammaDrift(market, gamma) * time) / volSqrtTime;
  const logPrefactor = scale + lambda(market, gamma) * time + gamma * Math.log(spot);
  const logBarrierRatio = Math.log(i / spot);
  return (
    weighted(logPrefactor, normalCdf(d)) -
    weighted(
      logPrefactor + kappa(market, gamma) * logBarrierRatio,
      normalCdf(d - (2 * logBarrierRatio) / volSqrtTime),
    )
  );
}

/**
 * e^{scale}·ψ(S, T, γ, H, I2, I1, t1) of Bjerksund & Stensland (2002; Haug 2007 p. 106): the
 * two-barrier analogue of φ over [0, t1] (barrier I1) and [t1, T] (barrier I2), by bivariate normal
 * CDFs with correlation √(t1/T); powers in one exponent as in `phi`.
 */
function psi(
  market: Market,
  spot: number,
  time: number,
  gamma: number,
  h: number,
  i2: number,
  i1: number,
  t1: number,
  scale: number,
): number {
  const drift = gammaDrift(market, gamma);
  const volSqrtT1 = market.vol * Math.sqrt(t1);
  const volSqrtTime = market.vol * Math.sqrt(time);
  const e1 = (Math.log(spot / i1) + drift * t1) / volSqrtT1;
  const e2 = (Math.log((i2 * i2) / (spot * i1)) + drift * t1) / volSqrtT1;
  const e3 = (Math.log(spot / i1) - drift * t1) / volSqrtT1;
  const e4 = (Math.log((i2 * i2) / (spot * i1)) - drift * t1) / volSqrtT1;
  const f1 = (Math.log(spot / h) + drift * time) / volSqrtTime;
  const f2 = (Math.log((i2 * i2) / (spot * h)) + drift * time) / volSqrtTime;
  const f3 = (Math.log((i1 * i1) / (spot * h)) + drift * time) / volSqrtTime;
  const f4 = (Math.log((spot * i1 * i1) / (h * i2 * i2)) + drift * time) / volSqrtTime;
  const rho = Math.sqrt(t1 / time);
  const k = kappa(market, gamma);
  const logPrefactor = scale + lambda(market, gamma) * time + gamma * Math.log(spot);
  return (
    weighted(logPrefactor, bivariateNormalCdf(-e1, -f1, rho)) -
    weighted(logPrefactor + k * Math.log(i2 / spot), bivariateNormalCdf(-e2, -f2, rho)) -
    weighted(logPrefactor + k * Math.log(i1 / spot), bivariateNormalCdf(-e3, -f3, -rho)) +
    weighted(logPrefactor + k * Math.log(i1 / i2), bivariateNormalCdf(-e4, -f4, -rho))
  );
}

/** The BS2002 American call for b < r (Haug 2007 p. 105, eq. for C). */
function americanCall(market: Market, spot: number, strike: number, time: number): number {
  const { rate, carry, vol } = market;
  const variance = vol * vol;
  const t1 = 0.5 * (Math.sqrt(5) - 1) * time;
  const beta = 0.5 - carry / variance + Math.sqrt((carry / variance - 0.5) ** 2 + (2 * rate) / variance);
  const bInfinity = (beta / (beta - 1)) * strike;
  const b0 = Math.max(strike, (rate / (rate - carry)) * strike);
  const scale = (strike * strike) / ((bInfinity - b0) * b0);
  const h1 = -(carry * t1 + 2 * vol * Math.sqrt(t1)) * scale;
  const h2 = -(carry * time + 2 * vol * Math.sqrt(time)) * scale;
  // With strongly negative carry and low vol h > 0 and Haug's I can fall below the strike; a flat
  // boundary at the strike is the lowest meaningful one (still an admissible policy, so still a bound).
  const i1 = Math.max(strike, b0 + (bInfinity - b0) * -Math.expm1(h1));
  const i2 = Math.max(strike, b0 + (bInfinity - b0) * -Math.expm1(h2));
  if (spot >= i2) return spot - strike;
  // ln α_j = ln(I_j − K) − β ln I_j; ln of the strike multiplies the γ = 0 terms.
  const logAlpha1 = Math.log(i1 - strike) - beta * Math.log(i1);
  const logAlpha2 = Math.log(i2 - strike) - beta * Math.log(i2);
  const logStrike = Math.log(strike);
  return (
    Math.exp(logAlpha2 + beta * Math.log(spot)) -
    phi(market, spot, t1, beta, i2, i2, logAlpha2) +
    phi(market, spot, t1, 1, i2, i2, 0) -
    phi(market, spot, t1, 1, i1, i2, 0) -
    phi(market, spot, t1, 0, i2, i2, logStrike) +
    phi(market, spot, t1, 0, i1, i2, logStrike) +
    phi(market, spot, t1, beta, i1, i2, logAlpha1) -
    psi(market, spot, time, beta, i1, i2, i1, t1, logAlpha1) +
    psi(market, spot, time, 1, i1, i2, i1, t1, 0) -
    psi(market, spot, time, 1, strike, i2, i1, t1, 0) -
    psi(market, spot, time, 0, i1, i2, i1, t1, logStrike) +
    psi(market, spot, time, 0, strike, i2, i1, t1, logStrike)
  );
}

/**
 * American option value by the Bjerksund & Stensland (2002) two-step flat-boundary approximation
 * (Haug 2007 ch. 3.2.3), generalised cost of carry b (b = r − q stock, b = 0 futures). `time` in
 * years; `rate`, `carry`, `vol` annual decimals, continuous compounding. A call with b ≥ r is priced
 * as European; the put comes from the put–call transformation P(S, K, T, r, b, σ) =
 * C(K, S, T, r − b, −b, σ). Being the value of one (flat-boundary) exercise policy, it is a lower
 * bound on the true American value; it is floored at the European and intrinsic values (exercising
 * never or now are admissible policies too). Requires rate ≥ 0.
 */
export function bjerksundStensland2002Price(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): number {
  requireAmericanApproximationInputs(type, spot, strike, time, rate, carry, vol);
  const european = blackScholesPrice(type, spot, strike, time, rate, carry, vol);
  const callRate = type === 'call' ? rate : rate - carry;
  const callCarry = type === 'call' ? carry : -carry;
  if (callCarry >= callRate) return european;
  const market: Market = { rate: callRate, carry: callCarry, vol };
  const american =
    type === 'call' ? americanCall(market, spot, strike, time) : americanCall(market, strike, spot, time);
  // The flat boundary is one (suboptimal) exercise policy; near the boundary or at high vol it can
  // undercut exercising now or never, both also admissible policies: the best of the three is kept.
  const intrinsic = type === 'call' ? spot - strike : strike - spot;
  return Math.max(american, european, intrinsic);
}
