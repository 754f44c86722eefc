/**
 * An implied volatility surface from fitted expiry slices: across strikes each slice's own
 * total-variance curve, across expiries linear interpolation of total variance in time at constant
 * log forward-moneyness k = ln(K/F(T)) (Gatheral 2006, "The Volatility Surface", ch. 3; it preserves
 * the absence of calendar arbitrage of the slices, Gatheral & Jacquier 2014 §5). Before the first
 * expiry the first slice's implied vol at the same k is kept (w scales with T); after the last, the
 * last slice's (flat vol extrapolation in T). Forwards are interpolated log-linearly in T, flat
 * outside the fitted expiries.
 */
import { requireFinite, requirePositive } from '../statistics/validate.js';

/** One fitted expiry: time in years, forward, and total variance (vol² × years) by k. */
export interface SurfaceSlice {
  readonly time: number;
  readonly forward: number;
  readonly totalVariance: (logMoneyness: number) => number;
}

/** Query interface of a volatility surface (vols decimal, annualised; times in years). */
export interface VolatilitySurface {
  /** Total implied variance at log forward-moneyness `logMoneyness` and expiry `time`. */
  totalVariance(logMoneyness: number, time: number): number;
  /** Black implied vol at log forward-moneyness and expiry. */
  vol(logMoneyness: number, time: number): number;
  /** Black implied vol at an absolute strike and expiry (k from the interpolated forward). */
  volAtStrike(strike: number, time: number): number;
  /** Interpolated forward at `time`. */
  forward(time: number): number;
}

/** Builds a surface from at least one slice (distinct times > 0). */
export function volatilitySurface(slices: readonly SurfaceSlice[]): VolatilitySurface {
  if (slices.length === 0) throw new RangeError('slices must hold at least 1 expiry');
  const sorted = [...slices].sort((x, y) => x.time - y.time);
  sorted.forEach((s, i) => {
    requirePositive(`slices[${i}].time`, s.time);
    requirePositive(`slices[${i}].forward`, s.forward);
    if (i > 0 && s.time === sorted[i - 1].time)
      throw new RangeError(`slices[${i}].time duplicates ${s.time}`);
  });
  const last = sorted.length - 1;
  /** Index i with sorted[i].time <= t < sorted[i+1].time, clamped to [0, last - 1]. */
  const bracket = (t: number): number => {
    let i = 0;
    while (i < last - 1 && sorted[i + 1].time <= t) i++;
    return i;
  };
  const totalVariance = (k: number, t: number): number => {
    requireFinite('logMoneyness', k);
    requirePositive('time', t);
    if (t <= sorted[0].time) return (sorted[0].totalVariance(k) * t) / sorted[0].time;
    if (t >= sorted[last].time) return (sorted[last].totalVariance(k) * t) / sorted[last].time;
    const i = bracket(t);
    const [s0, s1] = [sorted[i], sorted[i + 1]];
    const u = (t - s0.time) / (s1.time - s0.time);
    return (1 - u) * s0.totalVariance(k) + u * s1.totalVariance(k);
  };
  const forward = (t: number): number => {
    requirePositive('time', t);
    if (t <= sorted[0].time) return sorted[0].forward;
    if (t >= sorted[last].time) return sorted[last].forward;
    const i = bracket(t);
    const [s0, s1] = [sorted[i], sorted[i + 1]];
    const u = (t - s0.time) / (s1.time - s0.time);
    return Math.exp((1 - u) * Math.log(s0.forward) + u * Math.log(s1.forward));
  };
  const vol = (k: number, t: number): number => Math.sqrt(Math.max(0, totalVariance(k, t)) / t);
  return {
    totalVariance,
    vol,
    forward,
    volAtStrike: (strike, t) => vol(Math.log(requirePositive('strike', strike) / forward(t)), t),
  };
}
