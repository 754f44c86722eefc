import type { z } from 'zod';
import { BourseError } from '../core/errors.js';
import type { BarType } from '../model/data.js';
import type { Instrument } from '../model/instruments.js';
import type { Strategy } from './strategy.js';

/** What a strategy is built from when run by name (CLI, optimiser, server). */
export interface StrategyContext<P> {
  readonly id: string;
  readonly params: P;
  readonly instrument: Instrument;
  readonly barType: BarType;
}

export interface StrategyDefinition<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly description: string;
  /** Typed parameters with defaults; `--param key=value` is coerced and validated by this schema. */
  readonly parameters: S;
  create(context: StrategyContext<z.infer<S>>): Strategy<object>;
}

const definitions = new Map<string, StrategyDefinition>();

export function registerStrategy<S extends z.ZodObject>(definition: StrategyDefinition<S>): void {
  if (definitions.has(definition.name))
    throw new RangeError(`strategy '${definition.name}' is registered already`);
  definitions.set(definition.name, definition as unknown as StrategyDefinition);
}

export function strategyDefinition(name: string): StrategyDefinition {
  const definition = definitions.get(name);
  if (!definition) {
    throw new BourseError(
      'STRATEGY_UNKNOWN',
      `unknown strategy '${name}' (available: ${[...definitions.keys()].sort().join(', ')})`,
    );
  }
  return definition;
}

export function strategyDefinitions(): StrategyDefinition[] {
  return [...definitions.values()].sort((a, b) => a.name.localeCompare(b.name));
}
