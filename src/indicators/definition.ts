import type { z } from 'zod';
import type { Indicator } from './core.js';

export type IndicatorCategory =
  | 'average'
  | 'momentum'
  | 'trend'
  | 'volatility'
  | 'volume'
  | 'statistics'
  | 'other';

/**
 * What the registry, the CLI (`bourse indicator NAME`, `--list`) and docs/indicators.md know about
 * an indicator. Parameters are a zod object with defaults and `.describe()` on every field.
 */
export interface IndicatorDefinition<S extends z.ZodObject = z.ZodObject> {
  /** CLI name, lowercase: `sma`, `macd`, `bbands`. */
  readonly name: string;
  readonly title: string;
  readonly category: IndicatorCategory;
  readonly parameters: S;
  /** Output column names in order; the first is the primary output. */
  readonly outputs: readonly string[];
  /** `price`: one price series (close by default, `source` parameter); `bar`: needs OHLCV. */
  readonly input: 'price' | 'bar';
  /** Markdown: the formula and conventions, for docs/indicators.md. */
  readonly formula: string;
  /** Markdown: the warm-up, e.g. "period − 1 inputs" (the code's value is `indicator.warmup`). */
  readonly warmupText: string;
  /** Where the tests' reference values come from (e.g. "TA-Lib 0.4.0 RSI"). */
  readonly reference: string;
  create(params: z.infer<S>): Indicator;
}

/** Helper with the type of the parameter schema inferred. */
export function defineIndicator<S extends z.ZodObject>(
  definition: IndicatorDefinition<S>,
): IndicatorDefinition {
  return definition as unknown as IndicatorDefinition;
}
