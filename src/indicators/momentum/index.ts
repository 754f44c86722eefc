export { AwesomeOscillator } from './awesome.js';
export { CommodityChannelIndex } from './cci.js';
export { DetrendedPriceOscillator } from './dpo.js';
export { KnowSureThing } from './kst.js';
export {
  AbsolutePriceOscillator,
  MovingAverageConvergenceDivergence,
  PercentagePriceOscillator,
} from './macd.js';
export { Momentum, RateOfChange, RateOfChangePercent } from './rate-of-change.js';
export { RelativeStrengthIndex } from './rsi.js';
export { Stochastic, StochasticFast, StochasticRsi, WilliamsR } from './stochastic.js';
export { Trix } from './trix.js';
export { TrueStrengthIndex } from './tsi.js';
export { UltimateOscillator } from './ultimate.js';

import type { IndicatorDefinition } from '../definition.js';
import { oscillatorDefinitions } from './oscillator-definitions.js';
import { rateDefinitions } from './rate-definitions.js';

const ORDER = [
  'rsi',
  'stoch',
  'stochf',
  'stochrsi',
  'willr',
  'cci',
  'roc',
  'rocp',
  'mom',
  'trix',
  'tsi',
  'ultosc',
  'macd',
  'ppo',
  'apo',
  'ao',
  'kst',
  'dpo',
];

/** The momentum indicators, in the order the docs and `--list` show them. */
export const momentumDefinitions: IndicatorDefinition[] = [...oscillatorDefinitions, ...rateDefinitions].sort(
  (a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name),
);
