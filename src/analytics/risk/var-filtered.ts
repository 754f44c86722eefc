/**
 * Filtered historical simulation (FHS): returns are standardised by a conditional volatility model
 * (GARCH(1,1) by maximum likelihood, or RiskMetrics EWMA λ = 0.94) and the standardised residuals'
 * distribution is rescaled by tomorrow's volatility forecast (Barone-Adesi, Giannopoulos & Vosper
 * 1999; Hull & White 1998, "Incorporating volatility updating into the historical simulation method
 * for value-at-risk", J. of Risk 1). With `tail: 'gpd'` the residuals' loss tail is a GPD fitted by
 * peaks over threshold: McNeil & Frey's (2000) conditional EVT.
 */
import { mulberry32 } from '../statistics/random.js';
import { requireFiniteSeries, requireInteger, requireSeed } from '../statistics/validate.js';
import { fitTail, gpdQuantile, type TailFit, tailRisk } from './evt.js';
import { type RiskEstimate, requireConfidence } from './risk-measure.js';
import { ewmaUpdate, garchUpdate, type PathModel, simulatePathReturns } from './simulate-paths.js';
import { riskFromSortedLosses } from './var-historical.js';
import { simulatedRisk } from './var-monte-carlo.js';
import { ewmaVariances, fitGarch11, type Garch11, garchVariances } from './volatility-models.js';

/** Options of `filteredVar`. */
export interface FilteredOptions {
  /** Volatility model (default 'garch'). */
  readonly volatility?: 'garch' | 'ewma';
  /** GARCH parameters to use instead of fitting (rolling windows refit them every N days). */
  readonly garch?: Garch11;
  /** EWMA decay (default 0.94). */
  readonly lambda?: number;
  /** Loss tail of the residuals: 'empirical' (FHS, default) or 'gpd' (McNeil–Frey). */
  readonly tail?: 'empirical' | 'gpd';
  /** Threshold quantile of the GPD tail (default 0.9). */
  readonly thresholdQuantile?: number;
  /** Horizon in days (default 1); h > 1 bootstraps residual paths through the model (BGV 1999). */
  readonly horizon?: number;
  /** Bootstrap paths for h > 1 (default 10,000) and their seed (default 1). */
  readonly paths?: number;
  readonly seed?: number;
}

/** A filtered estimate: the risk numbers and tomorrow's volatility forecast σ[n+1]. */
export interface FilteredEstimate extends RiskEstimate {
  readonly volatilityForecast: number;
}

/**
 * FHS VaR/CVaR of the next `horizon` days' (log) return. One day: VaR = σ[n+1]·q_c(−z) − μ and
 * CVaR = σ[n+1]·ES_c(−z) − μ, q and ES from the residuals' losses (type-7 quantile and mean beyond,
 * or the GPD tail). Longer horizons: paths of residuals drawn with replacement, the volatility
 * updated day by day, then the simulated h-day returns' VaR/CVaR.
 */
export function filteredVar(
  returns: ArrayLike<number>,
  confidence: number,
  options: FilteredOptions = {},
): FilteredEstimate {
  requireConfidence(confidence);
  requireFiniteSeries('returns', returns, 30);
  const horizon = requireInteger('horizon', options.horizon ?? 1, 1);
  const useGarch = (options.volatility ?? 'garch') === 'garch';
  const garch = useGarch ? (options.garch ?? fitGarch11(returns)) : undefined;
  const mu = garch ? garch.mean : 0;
  const variances = garch ? garchVariances(returns, garch) : ewmaVariances(returns, options.lambda ?? 0.94);
  const n = returns.length;
  const residualLosses = new Float64Array(n);
  for (let t = 0; t < n; t++) residualLosses[t] = -(returns[t] - mu) / Math.sqrt(variances[t]);
  residualLosses.sort();
  const sigma = Math.sqrt(variances[n]);
  const tail = options.tail === 'gpd' ? fitTail(residualLosses, options.thresholdQuantile ?? 0.9) : undefined;
  if (horizon === 1) {
    const standard = tail ? tailRisk(tail, confidence) : riskFromSortedLosses(residualLosses, confidence);
    return {
      valueAtRisk: sigma * standard.valueAtRisk - mu,
      expectedShortfall: sigma * standard.expectedShortfall - mu,
      volatilityForecast: sigma,
    };
  }
  const model: PathModel = {
    mean: mu,
    firstVariance: variances[n],
    update: garch ? garchUpdate(garch) : ewmaUpdate(options.lambda ?? 0.94),
  };
  const uniform = mulberry32(requireSeed('seed', options.seed ?? 1));
  const draw = residualSampler(residualLosses, tail, uniform);
  const simulated = simulatePathReturns(
    model,
    horizon,
    requireInteger('paths', options.paths ?? 10_000, 2),
    draw,
  );
  return { ...simulatedRisk(simulated, confidence), volatilityForecast: sigma };
}

/**
 * Draws standardised residuals z with replacement; with a GPD tail, a draw whose loss −z exceeds the
 * threshold is replaced by threshold + a GPD draw (McNeil & Frey 2000, §3's simulation).
 */
function residualSampler(
  sortedLosses: Float64Array,
  tail: TailFit | undefined,
  uniform: () => number,
): () => number {
  return () => {
    const loss = sortedLosses[Math.floor(uniform() * sortedLosses.length)];
    if (tail && loss > tail.threshold) return -(tail.threshold + gpdQuantile(uniform(), tail));
    return -loss;
  };
}
