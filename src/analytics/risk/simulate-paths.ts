/**
 * Multi-day return paths under a conditional variance model, for filtered historical simulation and
 * Monte Carlo VaR over h days (Barone-Adesi, Giannopoulos & Vosper 1999, "VaR without correlations
 * for portfolios of derivative securities", J. Futures Markets 19, §2).
 */
import { requireInteger } from '../statistics/validate.js';
import { type Garch11, requireDecay } from './volatility-models.js';

/** The variance of tomorrow from today's variance and today's shock ε = r − μ. */
export type VarianceUpdate = (variance: number, shock: number) => number;

/** GARCH(1,1)'s update ω + αε² + βσ². */
export function garchUpdate(model: Garch11): VarianceUpdate {
  return (variance, shock) => model.omega + model.alpha * shock * shock + model.beta * variance;
}

/** RiskMetrics EWMA's update λσ² + (1 − λ)ε². */
export function ewmaUpdate(lambda: number): VarianceUpdate {
  requireDecay(lambda);
  return (variance, shock) => lambda * variance + (1 - lambda) * shock * shock;
}

/** A conditional model ready to simulate from: mean μ, the variance for day 1 and the update. */
export interface PathModel {
  readonly mean: number;
  readonly firstVariance: number;
  readonly update: VarianceUpdate;
}

/**
 * `paths` sums of h one-day returns r = μ + σ·z, z from `innovation()` (standardised), σ² following
 * the model's update day by day from `firstVariance` (log returns, so the sums are h-day returns).
 */
export function simulatePathReturns(
  model: PathModel,
  horizon: number,
  paths: number,
  innovation: () => number,
): Float64Array {
  requireInteger('horizon', horizon, 1);
  requireInteger('paths', paths, 2);
  const out = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    let variance = model.firstVariance;
    let sum = 0;
    for (let d = 0; d < horizon; d++) {
      const shock = Math.sqrt(variance) * innovation();
      sum += model.mean + shock;
      variance = model.update(variance, shock);
    }
    out[p] = sum;
  }
  return out;
}
