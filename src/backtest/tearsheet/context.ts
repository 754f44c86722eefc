/** What several sections derive from the input, computed once per tearsheet. */
import { currency as lookupCurrency } from '../../model/currency.js';
import { type DailyEquity, dailyEquity } from '../statistics.js';
import { type Benchmark, chooseBenchmark } from './analysis/benchmark.js';
import { priceDecimals } from './format.js';
import type { TearsheetInput } from './input.js';

export interface TearsheetContext {
  readonly input: TearsheetInput;
  /** Decimals for money. */
  readonly precision: number;
  /** Decimals for prices. */
  readonly decimals: number;
  /** The strategy's equity per UTC date and its daily returns (docs/statistics.md). */
  readonly daily: DailyEquity;
  readonly benchmark: Benchmark | null;
  /** Why there is no benchmark. */
  readonly benchmarkNote?: string;
  /** The benchmark's value per UTC date and its daily returns; null without a benchmark. */
  readonly benchmarkDaily: DailyEquity | null;
}

function moneyPrecision(input: TearsheetInput): number {
  if (input.currencyPrecision !== undefined) return input.currencyPrecision;
  try {
    return lookupCurrency(input.currency).precision;
  } catch {
    return 2;
  }
}

export function tearsheetContext(input: TearsheetInput): TearsheetContext {
  const capital = input.statistics.initialCapital;
  const choice = chooseBenchmark(input);
  return {
    input,
    precision: moneyPrecision(input),
    decimals: Math.max(priceDecimals(input.prices.close), priceDecimals(input.fills.map((f) => f.price))),
    daily: dailyEquity(input.equity, capital),
    benchmark: choice.benchmark,
    benchmarkNote: choice.note,
    benchmarkDaily: choice.benchmark ? dailyEquity(choice.benchmark.curve, capital) : null,
  };
}
