import type { BarInput, Indicator } from './core.js';

/**
 * Runs an indicator over a whole series and returns one column per output (NaN while warming up).
 * It drives the same streaming `updateBar`, so batch and streaming results are identical by
 * construction.
 */
export function computeBatch(indicator: Indicator, bars: readonly BarInput[]): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  for (const name of indicator.outputs) columns[name] = new Float64Array(bars.length);
  const names = indicator.outputs;
  for (let i = 0; i < bars.length; i++) {
    indicator.updateBar(bars[i]);
    for (let k = 0; k < names.length; k++) columns[names[k]][i] = indicator.output(names[k]);
  }
  return columns;
}

/** Bars with open = high = low = close = price, for running bar-capable code over a price list. */
export function barsFromPrices(prices: ArrayLike<number>): BarInput[] {
  const bars: BarInput[] = new Array(prices.length);
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    bars[i] = { open: p, high: p, low: p, close: p, volume: 0, tsEvent: i };
  }
  return bars;
}
