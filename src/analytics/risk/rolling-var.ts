/**
 * Rolling one-day VaR forecasts for backtesting: each day's VaR from the `window` returns before it.
 */
import { requireFiniteSeries, requireInteger } from '../statistics/validate.js';
import { requireConfidence } from './risk-measure.js';
import { type VarMethod, varByMethod } from './var-methods.js';
import { fitGarch11, type Garch11 } from './volatility-models.js';

/** Options of `rollingVar`. */
export interface RollingVarOptions {
  /** Estimation window in days (default 500). */
  readonly window?: number;
  /** GARCH methods refit their parameters every this many days, reusing them between (default 20). */
  readonly refitEvery?: number;
  /** Monte Carlo paths per day (default 2,000, seeded by day). */
  readonly paths?: number;
}

/** Forecasts for returns[start..]: `valueAtRisk[i]` and `expectedShortfall[i]` are for day start + i. */
export interface RollingVar {
  readonly start: number;
  readonly valueAtRisk: Float64Array;
  readonly expectedShortfall: Float64Array;
}

/**
 * One-day VaR/CVaR forecasts for every day t ≥ window from returns[t − window, t) (out of sample:
 * day t's return is never used for its own forecast). GARCH parameters of the filtered methods are
 * refitted every `refitEvery` days on the current window (warm-started), the filtering itself is
 * daily.
 */
export function rollingVar(
  returns: ArrayLike<number>,
  method: VarMethod,
  confidence: number,
  options: RollingVarOptions = {},
): RollingVar {
  requireConfidence(confidence);
  const window = requireInteger('window', options.window ?? 500, 30);
  const refitEvery = requireInteger('refitEvery', options.refitEvery ?? 20, 1);
  requireFiniteSeries('returns', returns, window + 1);
  const series = Float64Array.from(returns);
  const count = series.length - window;
  const valueAtRisk = new Float64Array(count);
  const expectedShortfall = new Float64Array(count);
  const usesGarch = method === 'filtered' || method === 'conditional-evt';
  let garch: Garch11 | undefined;
  for (let i = 0; i < count; i++) {
    const sample = series.subarray(i, i + window);
    if (usesGarch && i % refitEvery === 0) garch = fitGarch11(sample, garch);
    const estimate = varByMethod(sample, method, confidence, {
      garch,
      paths: options.paths ?? 2000,
      seed: i + 1,
    });
    valueAtRisk[i] = estimate.valueAtRisk;
    expectedShortfall[i] = estimate.expectedShortfall;
  }
  return { start: window, valueAtRisk, expectedShortfall };
}
