import { BourseError } from '../core/errors.js';
import { averageDefinitions } from './averages/index.js';
import type { IndicatorDefinition } from './definition.js';
import { momentumDefinitions } from './momentum/index.js';
import { otherDefinitions } from './other/index.js';
import { statisticsDefinitions } from './statistics/index.js';
import { trendDefinitions } from './trend/index.js';
import { volatilityDefinitions } from './volatility/index.js';
import { volumeDefinitions } from './volume/index.js';

const all: readonly IndicatorDefinition[] = [
  ...averageDefinitions,
  ...momentumDefinitions,
  ...trendDefinitions,
  ...volatilityDefinitions,
  ...volumeDefinitions,
  ...statisticsDefinitions,
  ...otherDefinitions,
];

const byName = new Map<string, IndicatorDefinition>();
for (const definition of all) {
  if (byName.has(definition.name)) throw new Error(`indicator '${definition.name}' is defined twice`);
  byName.set(definition.name, definition);
}

export function indicatorDefinitions(): readonly IndicatorDefinition[] {
  return all;
}

export function indicatorDefinition(name: string): IndicatorDefinition {
  const definition = byName.get(name.toLowerCase());
  if (!definition) {
    throw new BourseError(
      'INDICATOR_UNKNOWN',
      `unknown indicator '${name}' (see \`bourse indicator --list\`; known: ${[...byName.keys()].join(' ')})`,
    );
  }
  return definition;
}
