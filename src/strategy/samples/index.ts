import { registerStrategy, strategyDefinitions } from '../registry.js';
import { esOpeningRangeDefinition } from './es-opening-range.js';
import { smaCrossDefinition } from './sma-cross.js';

export { EsOpeningRange, esOpeningRangeDefinition, esOpeningRangeParameters } from './es-opening-range.js';
export { SmaCross, smaCrossDefinition, smaCrossParameters } from './sma-cross.js';

/** Registers the sample strategies (idempotent). */
export function registerSampleStrategies(): void {
  const known = new Set(strategyDefinitions().map((d) => d.name));
  if (!known.has(smaCrossDefinition.name)) registerStrategy(smaCrossDefinition);
  if (!known.has(esOpeningRangeDefinition.name)) registerStrategy(esOpeningRangeDefinition);
}
