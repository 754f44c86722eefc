/**
 * The benchmark the strategy is compared with: by default buy-and-hold of the traded instrument
 * (its close, scaled to start at the initial capital), or the series given in the input.
 */
import type { EquityCurve, Statistics } from '../../result-types.js';
import { computeStatistics } from '../../statistics.js';
import type { TearsheetInput } from '../input.js';

export interface Benchmark {
  readonly name: string;
  /** The benchmark's value in account money, starting at the initial capital (`inMarket` all 1). */
  readonly curve: EquityCurve;
}

export type BenchmarkChoice =
  | { readonly benchmark: Benchmark; readonly note?: undefined }
  | { readonly benchmark: null; readonly note: string };

/**
 * The finite points of `value` (non-decreasing `time`), scaled by initialCapital / the first of
 * them; null when there is none or the first is not positive.
 */
export function scaleToCapital(
  time: readonly number[],
  value: readonly number[],
  initialCapital: number,
): EquityCurve | null {
  const n = Math.min(time.length, value.length);
  const usable = (i: number) => Number.isFinite(value[i]) && Number.isFinite(time[i]);
  let first = 0;
  while (first < n && !usable(first)) first++;
  if (first === n || !(value[first] > 0)) return null;
  const k = initialCapital / value[first];
  const t: number[] = [time[first]];
  const v: number[] = [initialCapital];
  for (let i = first + 1; i < n; i++) {
    if (!usable(i)) continue;
    if (time[i] < t[t.length - 1]) return null;
    t.push(time[i]);
    v.push(value[i] * k);
  }
  return { time: t, equity: v, inMarket: new Array<number>(t.length).fill(1) };
}

/** The input's benchmark, else buy-and-hold of `prices`; or why there is none. */
export function chooseBenchmark(input: TearsheetInput): BenchmarkChoice {
  const given = input.benchmark;
  const source = given ?? {
    name: `Buy and hold ${input.prices.instrumentId}`,
    time: input.prices.time,
    value: input.prices.close,
  };
  const curve = scaleToCapital(source.time, source.value, input.statistics.initialCapital);
  if (curve !== null) return { benchmark: { name: source.name, curve } };
  return {
    benchmark: null,
    note: given
      ? `The benchmark “${given.name}” has no usable values (it needs a positive first value and time in order).`
      : 'No prices to build a buy-and-hold benchmark from.',
  };
}

/** The benchmark's statistics, computed exactly as the strategy's (docs/statistics.md). */
export function benchmarkStatistics(benchmark: Benchmark, initialCapital: number): Statistics {
  return computeStatistics({
    equity: benchmark.curve,
    trades: [],
    fills: [],
    initialCapital,
    currencyPrecision: 8,
  });
}
