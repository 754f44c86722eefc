export {
  ExponentialMovingAverage,
  ExponentialSmoothing,
  WilderMovingAverage,
} from './averages/exponential.js';
export * from './averages/index.js';
export { SimpleMovingAverage } from './averages/sma.js';
export { barsFromPrices, computeBatch } from './batch.js';
export { Chain } from './chain.js';
export { BarIndicator, type BarInput, Indicator, PriceIndicator, type PriceSource, priceOf } from './core.js';
export { CrossOver } from './crossover.js';
export type { IndicatorCategory, IndicatorDefinition } from './definition.js';
export { renderIndicatorDocs } from './docs.js';
export * from './momentum/index.js';
export * from './other/index.js';
export { indicatorDefinition, indicatorDefinitions } from './registry.js';
export * from './statistics/index.js';
export * from './trend/index.js';
export * from './volatility/index.js';
export * from './volume/index.js';
