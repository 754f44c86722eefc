/**
 * VaR backtests on the exception (hit) sequence I[t] = 1 when the loss exceeds the VaR forecast:
 * Kupiec's (1995) proportion-of-failures LR test, Christoffersen's (1998) independence and
 * conditional-coverage LR tests ("Evaluating interval forecasts", Int. Economic Review 39(4),
 * eqs. 3.1–3.5). p-values from the χ² distribution (1, 1 and 2 degrees of freedom).
 */
import { chiSquareSurvival, chiSquareUpperQuantile } from '../statistics/chi-square.js';
import { requireFinite, requireFiniteSeries, requireInteger } from '../statistics/validate.js';
import { requireConfidence } from './risk-measure.js';

/** A likelihood-ratio statistic and its asymptotic χ² p-value. */
export interface LikelihoodRatio {
  readonly statistic: number;
  readonly pValue: number;
}

/** x·ln(y), with 0·ln 0 = 0 (the convention of the binomial likelihoods). */
function xLogY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/** Binomial log-likelihood of `hits` successes in `trials` at probability p. */
function binomialLogLikelihood(hits: number, trials: number, p: number): number {
  return xLogY(trials - hits, 1 - p) + xLogY(hits, p);
}

/**
 * Kupiec's POF test: LR_pof = −2ln[(1 − p)^(T−N) p^N] + 2ln[(1 − N/T)^(T−N) (N/T)^N] ~ χ²(1), for N
 * exceptions in T days at exception probability p = 1 − c (Kupiec 1995, "Techniques for verifying
 * the accuracy of risk measurement models", J. Derivatives 3(2), eq. 5; Jorion 3rd ed. eq. 6.3).
 */
export function kupiecTest(exceptions: number, observations: number, probability: number): LikelihoodRatio {
  requireInteger('observations', observations, 1);
  requireInteger('exceptions', exceptions, 0);
  if (exceptions > observations) {
    throw new RangeError(`exceptions must be <= observations (${observations}), got ${exceptions}`);
  }
  requireProbability(probability);
  const statistic = Math.max(
    0,
    2 *
      (binomialLogLikelihood(exceptions, observations, exceptions / observations) -
        binomialLogLikelihood(exceptions, observations, probability)),
  );
  return { statistic, pValue: chiSquareSurvival(statistic, 1) };
}

function requireProbability(probability: number): void {
  requireFinite('probability', probability);
  if (!(probability > 0 && probability < 1)) {
    throw new RangeError(`probability must be in (0, 1), got ${probability}`);
  }
}

/**
 * The numbers of exceptions N that Kupiec's test does not reject at `significance` (default 0.05)
 * for T observations and exception probability p: [min, max] (Jorion 3rd ed. Table 6-2).
 */
export function kupiecNonRejectionRegion(
  observations: number,
  probability: number,
  significance = 0.05,
): { readonly min: number; readonly max: number } {
  const critical = chiSquareUpperQuantile(significance, 1);
  let min = -1;
  let max = -1;
  for (let n = 0; n <= observations; n++) {
    if (kupiecTest(n, observations, probability).statistic <= critical) {
      if (min < 0) min = n;
      max = n;
    } else if (min >= 0) break;
  }
  return { min, max };
}

/** Transition counts n_ij of the hit sequence: from state i (day t−1) to j (day t). */
export interface TransitionCounts {
  readonly n00: number;
  readonly n01: number;
  readonly n10: number;
  readonly n11: number;
}

/** Counts the transitions of consecutive hits (T − 1 pairs). */
export function transitionCounts(hits: readonly boolean[]): TransitionCounts {
  const counts = [0, 0, 0, 0];
  for (let t = 1; t < hits.length; t++) counts[(hits[t - 1] ? 2 : 0) + (hits[t] ? 1 : 0)]++;
  return { n00: counts[0], n01: counts[1], n10: counts[2], n11: counts[3] };
}

/**
 * Christoffersen's independence test: LR_ind = −2ln[(1 − π)^(n00+n10) π^(n01+n11)]
 * + 2ln[(1 − π01)^n00 π01^n01 (1 − π11)^n10 π11^n11] ~ χ²(1), π01 = n01/(n00 + n01),
 * π11 = n11/(n10 + n11), π = (n01 + n11)/(n00 + n01 + n10 + n11) (Christoffersen 1998, eq. 3.4).
 */
export function christoffersenIndependence(counts: TransitionCounts): LikelihoodRatio {
  const { n00, n01, n10, n11 } = counts;
  const total = n00 + n01 + n10 + n11;
  const pi = (n01 + n11) / total;
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const restricted = binomialLogLikelihood(n01 + n11, total, pi);
  const unrestricted =
    binomialLogLikelihood(n01, n00 + n01, pi01) + binomialLogLikelihood(n11, n10 + n11, pi11);
  const statistic = Math.max(0, 2 * (unrestricted - restricted));
  return { statistic, pValue: chiSquareSurvival(statistic, 1) };
}

/** The backtest of one VaR forecast series. */
export interface VarBacktest {
  readonly observations: number;
  readonly exceptions: number;
  readonly expectedExceptions: number;
  readonly kupiec: LikelihoodRatio;
  readonly independence: LikelihoodRatio;
  /** LR_cc = LR_pof + LR_ind ~ χ²(2) (Christoffersen 1998, eq. 3.5). */
  readonly conditionalCoverage: LikelihoodRatio;
  /** 'accept' when none of the three tests rejects at `significance`. */
  readonly verdict: 'accept' | 'reject';
}

/**
 * Backtests VaR forecasts (positive losses, one per day) against the realised returns of the same
 * days: an exception is a loss −r[t] > VaR[t]; p = 1 − c.
 */
export function backtestVar(
  realisedReturns: ArrayLike<number>,
  forecasts: ArrayLike<number>,
  confidence: number,
  significance = 0.05,
): VarBacktest {
  requireConfidence(confidence);
  requireFiniteSeries('realisedReturns', realisedReturns, 2);
  requireFiniteSeries('forecasts', forecasts, 2);
  if (forecasts.length !== realisedReturns.length) {
    throw new RangeError(
      `forecasts must have one value per realised return (${realisedReturns.length}), got ${forecasts.length}`,
    );
  }
  const hits = Array.from(realisedReturns, (r, t) => -r > forecasts[t]);
  const exceptions = hits.filter(Boolean).length;
  const observations = hits.length;
  const kupiec = kupiecTest(exceptions, observations, 1 - confidence);
  const independence = christoffersenIndependence(transitionCounts(hits));
  const ccStatistic = kupiec.statistic + independence.statistic;
  const conditionalCoverage = { statistic: ccStatistic, pValue: chiSquareSurvival(ccStatistic, 2) };
  const rejected = [kupiec, independence, conditionalCoverage].some((lr) => lr.pValue < significance);
  return {
    observations,
    exceptions,
    expectedExceptions: observations * (1 - confidence),
    kupiec,
    independence,
    conditionalCoverage,
    verdict: rejected ? 'reject' : 'accept',
  };
}
