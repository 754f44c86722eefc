/**
 * Probabilistic Sharpe ratio (Bailey & López de Prado 2012, "The Sharpe Ratio Efficient Frontier") and
 * deflated Sharpe ratio (Bailey & López de Prado 2014, "The Deflated Sharpe Ratio: Correcting for
 * Selection Bias, Backtest Overfitting and Non-Normality"). Every Sharpe ratio here is **per period**
 * (not annualised): divide an annualised one by √(periods per year). Kurtosis is **raw** (normal = 3).
 * Formulas: docs/overfitting.md.
 */

import { normalCdf, normalQuantile } from '../../analytics/statistics/normal.js';
import { requireFinite, requireInteger } from '../../analytics/statistics/validate.js';
import { sampleVariance } from './moments.js';

export const EULER_MASCHERONI = 0.5772156649015329;

export interface SharpeEstimate {
  /** Observed per-period Sharpe ratio SR̂. */
  readonly sharpe: number;
  /** Number of return observations T (≥ 2). */
  readonly observations: number;
  /** Skewness γ₃ of the returns. Default 0. */
  readonly skewness?: number;
  /** Raw kurtosis γ₄ of the returns (normal = 3, excess kurtosis + 3). Default 3. Must be ≥ 1 + γ₃². */
  readonly kurtosis?: number;
}

export interface ProbabilisticSharpeInput extends SharpeEstimate {
  /** Benchmark Sharpe ratio SR*, per period. Default 0. */
  readonly benchmark?: number;
}

function checked(input: SharpeEstimate): { sr: number; t: number; skew: number; kurt: number } {
  const sr = requireFinite('sharpe', input.sharpe);
  const t = requireInteger('observations', input.observations, 2);
  const skew = requireFinite('skewness', input.skewness ?? 0);
  const kurt = requireFinite('kurtosis', input.kurtosis ?? 3);
  // Every distribution has γ₄ ≥ 1 + γ₃² (sample moments too); below it the variance term can go negative.
  if (kurt < (1 + skew * skew) * (1 - 1e-12)) {
    throw new RangeError(
      `kurtosis must be >= 1 + skewness² = ${1 + skew * skew} (raw, normal = 3), got ${kurt}`,
    );
  }
  return { sr, t, skew, kurt };
}

/**
 * Standard error of the Sharpe ratio estimate under non-normal IID returns (Mertens 2002, as used by
 * Bailey & López de Prado): σ̂(SR̂) = √((1 − γ₃·SR̂ + (γ₄ − 1)/4 · SR̂²) / (T − 1)).
 */
export function sharpeStandardError(input: SharpeEstimate): number {
  const { sr, t, skew, kurt } = checked(input);
  return Math.sqrt(Math.max(0, 1 - skew * sr + ((kurt - 1) / 4) * sr * sr) / (t - 1));
}

/** Φ((SR̂ − SR*) / σ̂), with a zero σ̂ (degenerate moments) read as certainty. */
function probabilityAbove(sr: number, benchmark: number, standardError: number): number {
  const diff = sr - benchmark;
  if (diff === 0) return 0.5;
  if (standardError === 0) return diff > 0 ? 1 : 0;
  return normalCdf(diff / standardError);
}

/**
 * PSR(SR*) = Φ((SR̂ − SR*)·√(T − 1) / √(1 − γ₃·SR̂ + (γ₄ − 1)/4·SR̂²)): the probability that the true
 * Sharpe ratio exceeds the benchmark SR*, given the estimate's length, skewness and kurtosis.
 */
export function probabilisticSharpeRatio(input: ProbabilisticSharpeInput): number {
  const benchmark = requireFinite('benchmark', input.benchmark ?? 0);
  return probabilityAbove(input.sharpe, benchmark, sharpeStandardError(input));
}

/**
 * Expected maximum of N per-period Sharpe ratios whose true value is 0 and whose estimates have
 * variance V (the "false strategy" benchmark SR₀ of the DSR paper):
 * E[max SR] = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ the Euler–Mascheroni constant.
 * N is an integer ≥ 1; N = 1 gives 0 (no selection; the formula itself diverges at N = 1).
 */
export function expectedMaxSharpe(trials: number, trialSharpeVariance: number): number {
  requireInteger('trials', trials, 1);
  requireFinite('trialSharpeVariance', trialSharpeVariance);
  if (trialSharpeVariance < 0) {
    throw new RangeError(`trialSharpeVariance must be >= 0, got ${trialSharpeVariance}`);
  }
  if (trials === 1) return 0;
  const z =
    (1 - EULER_MASCHERONI) * normalQuantile(1 - 1 / trials) +
    EULER_MASCHERONI * normalQuantile(1 - 1 / (trials * Math.E));
  return Math.sqrt(trialSharpeVariance) * z;
}

export interface DeflatedSharpeInput extends SharpeEstimate {
  /** Number of (independent) trials N behind the selection. Default: `trialSharpes.length`. */
  readonly trials?: number;
  /** Variance V of the trials' per-period Sharpe ratios. Give this or `trialSharpes`. */
  readonly trialSharpeVariance?: number;
  /** Every trial's per-period Sharpe ratio; V is their sample variance (divides by N − 1). */
  readonly trialSharpes?: ArrayLike<number>;
}

export interface DeflatedSharpeResult {
  readonly trials: number;
  readonly trialSharpeVariance: number;
  /** SR₀ = E[max SR] of N zero-skill trials, per period. */
  readonly expectedMaxSharpe: number;
  /** σ̂(SR̂), per period. */
  readonly standardError: number;
  /** PSR(0): probability that the true Sharpe ratio is above 0, ignoring the selection. */
  readonly psr: number;
  /** DSR = PSR(SR₀): probability that it is above the best a zero-skill search would find. */
  readonly dsr: number;
}

/** Deflated Sharpe ratio of the selected strategy: PSR against E[max SR] of the N trials. */
export function deflatedSharpeRatio(input: DeflatedSharpeInput): DeflatedSharpeResult {
  const hasVariance = input.trialSharpeVariance !== undefined;
  const hasList = input.trialSharpes !== undefined;
  if (hasVariance === hasList) {
    throw new RangeError('give exactly one of trialSharpeVariance and trialSharpes');
  }
  let variance: number;
  let trials: number;
  if (input.trialSharpes !== undefined) {
    variance = sampleVariance('trialSharpes', input.trialSharpes);
    trials = input.trials ?? input.trialSharpes.length;
  } else {
    variance = input.trialSharpeVariance ?? 0;
    if (input.trials === undefined) throw new RangeError('trials is required with trialSharpeVariance');
    trials = input.trials;
  }
  const expected = expectedMaxSharpe(trials, variance);
  const standardError = sharpeStandardError(input);
  return {
    trials,
    trialSharpeVariance: variance,
    expectedMaxSharpe: expected,
    standardError,
    psr: probabilityAbove(input.sharpe, 0, standardError),
    dsr: probabilityAbove(input.sharpe, expected, standardError),
  };
}
