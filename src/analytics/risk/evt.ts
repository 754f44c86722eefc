/**
 * Extreme-value tails by peaks over threshold: a generalised Pareto distribution (GPD) fitted by
 * maximum likelihood to the excesses over a high threshold, and the tail VaR and ES it implies
 * (McNeil & Frey 2000, "Estimation of tail-related risk measures for heteroscedastic financial time
 * series", J. Empirical Finance 7, §2.2–2.3; McNeil, Frey & Embrechts, "Quantitative Risk
 * Management", 2005, §7.2, eqs. 7.18–7.19).
 */

import { nelderMead } from '../numerics/nelder-mead.js';
import { requireFinite, requireFiniteSeries, requirePositive } from '../statistics/validate.js';
import { type RiskEstimate, requireConfidence } from './risk-measure.js';

/** GPD G(y) = 1 − (1 + ξy/β)^(−1/ξ) (y ≥ 0): shape ξ, scale β > 0; ξ = 0 is the exponential. */
export interface GpdParameters {
  readonly shape: number;
  readonly scale: number;
}

/** GPD quantile G⁻¹(p) = (β/ξ)[(1 − p)^(−ξ) − 1] (−β·ln(1 − p) for ξ = 0), p in [0, 1). */
export function gpdQuantile(p: number, { shape, scale }: GpdParameters): number {
  requireFinite('p', p);
  if (!(p >= 0 && p < 1)) throw new RangeError(`p must be a probability in [0, 1), got ${p}`);
  if (Math.abs(shape) < 1e-12) return -scale * Math.log1p(-p);
  return (scale / shape) * ((1 - p) ** -shape - 1);
}

/** GPD log-likelihood of excesses y > 0 (−∞ outside the support). */
export function gpdLogLikelihood(excesses: ArrayLike<number>, { shape, scale }: GpdParameters): number {
  if (!(scale > 0)) return Number.NEGATIVE_INFINITY;
  const n = excesses.length;
  let sum = 0;
  if (Math.abs(shape) < 1e-12) {
    for (let i = 0; i < n; i++) sum += excesses[i];
    return -n * Math.log(scale) - sum / scale;
  }
  for (let i = 0; i < n; i++) {
    const z = 1 + (shape * excesses[i]) / scale;
    if (!(z > 0)) return Number.NEGATIVE_INFINITY;
    sum += Math.log(z);
  }
  return -n * Math.log(scale) - (1 + 1 / shape) * sum;
}

/**
 * Maximum-likelihood GPD fit to excesses (all ≥ 0, at least 5): Nelder–Mead on (ξ, ln β) from the
 * method-of-moments start ξ₀ = ½(1 − m²/s²), β₀ = ½m(1 + m²/s²) (Hosking & Wallis 1987).
 */
export function fitGpd(excesses: ArrayLike<number>): GpdParameters {
  requireFiniteSeries('excesses', excesses, 5);
  let m = 0;
  for (let i = 0; i < excesses.length; i++) {
    if (excesses[i] < 0) throw new RangeError(`excesses[${i}] must be >= 0, got ${excesses[i]}`);
    m += excesses[i];
  }
  m /= excesses.length;
  requirePositive('mean excess', m);
  let v = 0;
  for (let i = 0; i < excesses.length; i++) v += (excesses[i] - m) ** 2;
  v /= excesses.length - 1;
  const ratio = v > 0 ? (m * m) / v : 1;
  const start = [0.5 * (1 - ratio), Math.log(0.5 * m * (1 + ratio))];
  const fit = nelderMead((x) => -gpdLogLikelihood(excesses, { shape: x[0], scale: Math.exp(x[1]) }), start, {
    steps: [0.2, 0.2],
    tolerance: 0,
    absoluteTolerance: 1e-10,
    maxEvaluations: 1800,
  });
  return { shape: fit.point[0], scale: Math.exp(fit.point[1]) };
}

/** A peaks-over-threshold tail: threshold u, number of excesses N_u out of n and the GPD fit. */
export interface TailFit extends GpdParameters {
  readonly threshold: number;
  readonly exceedances: number;
  readonly observations: number;
}

/**
 * Fits the upper tail of `losses`: threshold u is the (k+1)-th largest loss, k = ⌊n(1 − q)⌋ for the
 * threshold quantile q (default 0.9, McNeil & Frey use k = 100 of n = 1000), and the GPD is fitted to
 * the k excesses over u.
 */
export function fitTail(losses: ArrayLike<number>, thresholdQuantile = 0.9): TailFit {
  requireFiniteSeries('losses', losses, 20);
  requireConfidence(thresholdQuantile);
  const sorted = Float64Array.from(losses).sort();
  const n = sorted.length;
  const k = Math.floor(n * (1 - thresholdQuantile));
  if (k < 5)
    throw new RangeError(`thresholdQuantile leaves ${k} exceedances of ${n} losses; need at least 5`);
  const threshold = sorted[n - k - 1];
  const excesses = Array.from(sorted.subarray(n - k), (x) => x - threshold);
  return { ...fitGpd(excesses), threshold, exceedances: k, observations: n };
}

/**
 * Tail VaR and ES at confidence c from a POT fit (McNeil & Frey 2000, eqs. 5 and 6; QRM eqs. 7.18,
 * 7.19): VaR = u + (β/ξ)[((n/N_u)(1 − c))^(−ξ) − 1], ES = VaR/(1 − ξ) + (β − ξu)/(1 − ξ) (ξ < 1).
 * c must lie beyond the threshold, 1 − c < N_u/n.
 */
export function tailRisk(tail: TailFit, confidence: number): RiskEstimate {
  requireConfidence(confidence);
  const tailProbability = tail.exceedances / tail.observations;
  if (1 - confidence >= tailProbability) {
    throw new RangeError(
      `confidence must exceed the threshold's level ${1 - tailProbability} for a tail estimate, got ${confidence}`,
    );
  }
  const { shape, scale, threshold } = tail;
  const valueAtRisk = threshold + gpdQuantile(1 - (1 - confidence) / tailProbability, { shape, scale });
  const expectedShortfall =
    shape < 1
      ? valueAtRisk / (1 - shape) + (scale - shape * threshold) / (1 - shape)
      : Number.POSITIVE_INFINITY;
  return { valueAtRisk, expectedShortfall };
}

/** Unconditional EVT VaR/CVaR of `returns` (losses −r) at confidence c: `tailRisk(fitTail(−r))`. */
export function evtVar(
  returns: ArrayLike<number>,
  confidence: number,
  thresholdQuantile = 0.9,
): RiskEstimate {
  requireFiniteSeries('returns', returns, 20);
  return tailRisk(
    fitTail(
      Array.from(returns, (r) => -r),
      thresholdQuantile,
    ),
    confidence,
  );
}
