/**
 * Monte Carlo VaR/CVaR: simulate the horizon return many times (seeded) and read the loss quantile
 * and tail mean off the simulated sample as historical simulation does (Jorion, "Value at Risk",
 * 3rd ed., ch. 12; Glasserman, "Monte Carlo Methods in Financial Engineering", 2003, §9.1).
 */
import { normalPdf, normalQuantile } from '../statistics/normal.js';
import { mulberry32, normalGenerator } from '../statistics/random.js';
import { requireFinite, requireInteger, requirePositive, requireSeed } from '../statistics/validate.js';
import { type RiskEstimate, requireConfidence } from './risk-measure.js';
import { type PathModel, simulatePathReturns } from './simulate-paths.js';
import { riskFromSortedLosses } from './var-historical.js';

/** Options of the Monte Carlo estimators. */
export interface MonteCarloOptions {
  /** Number of simulated horizon returns (default 20,000). */
  readonly paths?: number;
  /** PRNG seed (default 1). */
  readonly seed?: number;
  /** Horizon in days (default 1). */
  readonly horizon?: number;
}

/** A Monte Carlo estimate with the standard error of its VaR where known (else NaN). */
export interface MonteCarloEstimate extends RiskEstimate {
  readonly standardError: number;
  readonly paths: number;
}

/** VaR/CVaR of simulated returns (losses −r; type-7 quantile, mean beyond it). */
export function simulatedRisk(simulatedReturns: ArrayLike<number>, confidence: number): RiskEstimate {
  requireConfidence(confidence);
  const losses = Float64Array.from(simulatedReturns, (r) => -r).sort();
  return riskFromSortedLosses(losses, confidence);
}

/**
 * Monte Carlo VaR of i.i.d. normal daily returns (mean μ, volatility σ) over h days, simulated day by
 * day. Its standard error is that of a sample quantile, σ√h·√(c(1 − c)/N)/φ(Φ⁻¹(c)) (Kendall &
 * Stuart; Jorion 3rd ed. §5.2.3), so it converges to `normalVar` at rate 1/√N.
 */
export function normalMonteCarloVar(
  meanReturn: number,
  stdDev: number,
  confidence: number,
  options: MonteCarloOptions = {},
): MonteCarloEstimate {
  requireFinite('mean', meanReturn);
  requirePositive('stdDev', stdDev);
  requireConfidence(confidence);
  const model: PathModel = { mean: meanReturn, firstVariance: stdDev * stdDev, update: (v) => v };
  const estimate = conditionalMonteCarloVar(model, confidence, options);
  const z = normalQuantile(confidence);
  const horizon = options.horizon ?? 1;
  const quantileSpread = Math.sqrt((confidence * (1 - confidence)) / estimate.paths) / normalPdf(z);
  return { ...estimate, standardError: stdDev * Math.sqrt(horizon) * quantileSpread };
}

/**
 * Monte Carlo VaR under a conditional variance model (e.g. a fitted GARCH(1,1) from today's
 * variance) with standard normal innovations, h days simulated day by day.
 */
export function conditionalMonteCarloVar(
  model: PathModel,
  confidence: number,
  options: MonteCarloOptions = {},
): MonteCarloEstimate {
  requireConfidence(confidence);
  const paths = requireInteger('paths', options.paths ?? 20_000, 2);
  const horizon = requireInteger('horizon', options.horizon ?? 1, 1);
  const draw = normalGenerator(mulberry32(requireSeed('seed', options.seed ?? 1)));
  const risk = simulatedRisk(simulatePathReturns(model, horizon, paths, draw), confidence);
  return { ...risk, standardError: Number.NaN, paths };
}
