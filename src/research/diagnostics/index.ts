/**
 * Overfitting diagnostics (pure functions): deflated and probabilistic Sharpe ratios, the probability
 * of backtest overfitting (CSCV), Monte Carlo of trade order and a stationary bootstrap of returns.
 * What they mean and the formulas: docs/overfitting.md.
 */

export { normalCdf, normalPdf, normalQuantile } from '../../analytics/statistics/normal.js';
export { quantileSorted } from '../../analytics/statistics/sample.js';
export {
  type DeflatedSharpeInput,
  type DeflatedSharpeResult,
  deflatedSharpeRatio,
  EULER_MASCHERONI,
  expectedMaxSharpe,
  type ProbabilisticSharpeInput,
  probabilisticSharpeRatio,
  type SharpeEstimate,
  sharpeStandardError,
} from './deflated-sharpe.js';
export { type ReturnMoments, returnMoments, ZERO_DEVIATION } from './moments.js';
export {
  MAX_CSCV_SPLITS,
  type PboOptions,
  type PboResult,
  type PerformanceMetric,
  probabilityOfBacktestOverfitting,
} from './pbo.js';
export {
  bootstrapReturns,
  type EquityBands,
  MAX_BAND_CELLS,
  type ReturnsBootstrapOptions,
  type ReturnsBootstrapResult,
} from './returns-bootstrap.js';
export type { ReturnsOutcome } from './stationary-bootstrap.js';
export {
  DEFAULT_DRAWDOWN_THRESHOLDS_PCT,
  DEFAULT_QUANTILES,
  type DistributionSummary,
  type QuantileValue,
  type ThresholdProbability,
} from './summary.js';
export {
  type PathOutcome,
  type TradeMonteCarloOptions,
  type TradeMonteCarloResult,
  type TradeSimulation,
  tradeMonteCarlo,
} from './trade-monte-carlo.js';
