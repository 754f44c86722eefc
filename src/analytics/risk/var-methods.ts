/**
 * One entry point for every VaR method by name, as the CLI and the rolling backtests choose them.
 */
import { evtVar } from './evt.js';
import type { RiskEstimate } from './risk-measure.js';
import { filteredVar } from './var-filtered.js';
import { historicalVar } from './var-historical.js';
import { normalMonteCarloVar } from './var-monte-carlo.js';
import { cornishFisherVar, normalVar, sampleMoments } from './var-parametric.js';
import type { Garch11 } from './volatility-models.js';

/** The VaR methods by name. */
export const VAR_METHODS = [
  'historical',
  'normal',
  'cornish-fisher',
  'monte-carlo',
  'filtered',
  'evt',
  'conditional-evt',
] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

/** Options shared by the methods. */
export interface VarMethodOptions {
  /** Horizon in days (default 1). */
  readonly horizon?: number;
  /** Monte Carlo / bootstrap paths (default 20,000) and seed (default 1). */
  readonly paths?: number;
  readonly seed?: number;
  /** GARCH(1,1) parameters to reuse instead of refitting (filtered and conditional-evt). */
  readonly garch?: Garch11;
}

/**
 * VaR/CVaR of `returns` (daily log returns) by `method`: historical (overlapping h-day returns),
 * normal and cornish-fisher (√h), monte-carlo (normal with the sample's mean and volatility),
 * filtered (GARCH FHS), evt (unconditional POT, 1 day only) and conditional-evt (GARCH + GPD,
 * McNeil–Frey 2000).
 */
export function varByMethod(
  returns: ArrayLike<number>,
  method: VarMethod,
  confidence: number,
  options: VarMethodOptions = {},
): RiskEstimate {
  const horizon = options.horizon ?? 1;
  switch (method) {
    case 'historical':
      return historicalVar(returns, confidence, horizon);
    case 'normal': {
      const m = sampleMoments(returns);
      return normalVar(m.mean, m.stdDev, confidence, horizon);
    }
    case 'cornish-fisher':
      return cornishFisherVar(sampleMoments(returns), confidence, horizon);
    case 'monte-carlo': {
      const m = sampleMoments(returns);
      return normalMonteCarloVar(m.mean, m.stdDev, confidence, options);
    }
    case 'filtered':
      return filteredVar(returns, confidence, { ...options, volatility: 'garch' });
    case 'evt':
      if (horizon !== 1) throw new RangeError(`horizon must be 1 for the evt method, got ${horizon}`);
      return evtVar(returns, confidence);
    case 'conditional-evt':
      return filteredVar(returns, confidence, { ...options, volatility: 'garch', tail: 'gpd' });
  }
}
