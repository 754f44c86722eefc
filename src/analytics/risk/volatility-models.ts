/**
 * Conditional variance models for filtered historical simulation: GARCH(1,1) fitted by Gaussian
 * (quasi-)maximum likelihood (Bollerslev 1986) and RiskMetrics EWMA (J.P. Morgan, "RiskMetrics —
 * Technical Document", 4th ed., 1996, eq. 5.3, λ = 0.94 for daily data).
 */

import { nelderMead } from '../numerics/nelder-mead.js';
import { mean } from '../statistics/sample.js';
import { requireFinite, requireFiniteSeries } from '../statistics/validate.js';

/** GARCH(1,1) σ²[t+1] = ω + α·ε[t]² + β·σ²[t], ε = r − μ. */
export interface Garch11 {
  readonly omega: number;
  readonly alpha: number;
  readonly beta: number;
  /** Constant mean μ of the returns (the sample mean). */
  readonly mean: number;
}

/** A fitted GARCH(1,1) with its Gaussian log-likelihood. */
export interface Garch11Fit extends Garch11 {
  readonly logLikelihood: number;
}

/** Sample variance around `mu` (divides by n), the recursion's starting value. */
function startVariance(returns: ArrayLike<number>, mu: number): number {
  let sum = 0;
  for (let i = 0; i < returns.length; i++) sum += (returns[i] - mu) ** 2;
  return sum / returns.length;
}

/**
 * Conditional variances σ²[0..n] of `returns` under `model`: σ²[0] is the sample variance, σ²[t+1]
 * follows the recursion, so the last entry (index n) is the one-step-ahead forecast.
 */
export function garchVariances(returns: ArrayLike<number>, model: Garch11): Float64Array {
  const out = new Float64Array(returns.length + 1);
  out[0] = startVariance(returns, model.mean);
  for (let t = 0; t < returns.length; t++) {
    const e = returns[t] - model.mean;
    out[t + 1] = model.omega + model.alpha * e * e + model.beta * out[t];
  }
  return out;
}

/** An EWMA decay factor λ in (0, 1). */
export function requireDecay(lambda: number): number {
  requireFinite('lambda', lambda);
  if (!(lambda > 0 && lambda < 1)) throw new RangeError(`lambda must be in (0, 1), got ${lambda}`);
  return lambda;
}

/**
 * EWMA variances σ²[t+1] = λσ²[t] + (1 − λ)r[t]² (zero mean, RiskMetrics 1996 eq. 5.3), σ²[0] the
 * sample second moment; index n is the one-step-ahead forecast.
 */
export function ewmaVariances(returns: ArrayLike<number>, lambda = 0.94): Float64Array {
  requireDecay(lambda);
  const out = new Float64Array(returns.length + 1);
  out[0] = startVariance(returns, 0);
  for (let t = 0; t < returns.length; t++) out[t + 1] = lambda * out[t] + (1 - lambda) * returns[t] ** 2;
  return out;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Fits GARCH(1,1) by maximising the Gaussian log-likelihood −½Σ[ln 2π + ln σ²[t] + ε[t]²/σ²[t]]
 * with variance targeting, ω = s²(1 − α − β), s² the sample variance (Engle & Mezrich 1996): two
 * free parameters, persistence p = α + β ∈ (0, 1) and share a = α/p ∈ (0, 1), optimised by
 * Nelder–Mead on their logits. `start` (a previous fit) is tried as a second starting point.
 */
export function fitGarch11(returns: ArrayLike<number>, start?: Garch11): Garch11Fit {
  requireFiniteSeries('returns', returns, 20);
  const mu = mean(returns);
  const target = startVariance(returns, mu);
  if (!(target > 0)) throw new RangeError('returns must not all be equal to fit a GARCH(1,1)');
  const n = returns.length;
  const negLogLikelihood = (x: readonly number[]) => {
    const persistence = logistic(x[0]);
    const alpha = persistence * logistic(x[1]);
    const beta = persistence - alpha;
    const omega = target * (1 - persistence);
    let variance = target;
    let sum = 0;
    for (let t = 0; t < n; t++) {
      const e = returns[t] - mu;
      sum += Math.log(variance) + (e * e) / variance;
      variance = omega + alpha * e * e + beta * variance;
    }
    return 0.5 * (sum + n * Math.log(2 * Math.PI));
  };
  const logit = (p: number) => Math.log(p / (1 - p));
  // Nelder–Mead can stall on the flat boundary α → 0 from some starts, so a warm start (pulled inside
  // the boundary) is tried alongside the default start (persistence 0.97, α share 0.1); the better wins.
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  const fromDefault = nelderMead(negLogLikelihood, [logit(0.97), logit(0.1)], {
    steps: [0.5, 0.5],
    tolerance: 0,
    absoluteTolerance: 1e-9,
    maxEvaluations: 1200,
  });
  let best = fromDefault;
  if (start) {
    const warm = [
      logit(clamp(start.alpha + start.beta, 0.5, 0.995)),
      logit(clamp(start.alpha / (start.alpha + start.beta), 0.05, 0.95)),
    ];
    const fromWarm = nelderMead(negLogLikelihood, warm, {
      steps: [0.3, 0.3],
      tolerance: 0,
      absoluteTolerance: 1e-9,
      maxEvaluations: 1200,
    });
    if (fromWarm.value < best.value) best = fromWarm;
  }
  const persistence = logistic(best.point[0]);
  const alpha = persistence * logistic(best.point[1]);
  return {
    omega: target * (1 - persistence),
    alpha,
    beta: persistence - alpha,
    mean: mu,
    logLikelihood: -best.value,
  };
}
