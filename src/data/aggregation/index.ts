/**
 * Streaming bar aggregation: ticks, quotes or bars in, completed bars out, one item at a time and
 * without lookahead. Rules and examples: docs/data.md, "Bar aggregation".
 */
export {
  TickBarAggregator,
  ValueBarAggregator,
  type ValueBarOptions,
  VolumeBarAggregator,
} from './threshold-bars.js';
export { BarResampler, TimeBarAggregator, type TimeBarOptions } from './time-bars.js';
export { type TimeAlignment, TimeGrid } from './time-grid.js';
export type { AggregatedBar, AggregationKind, BarHandler, EmptyIntervalPolicy } from './types.js';
