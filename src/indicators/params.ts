import { z } from 'zod';
import { PRICE_SOURCES, type PriceIndicator, type PriceSource } from './core.js';

/** The `source` parameter of price indicators: which price of each bar they read. */
export function sourceParam() {
  return z
    .enum(PRICE_SOURCES as [PriceSource, ...PriceSource[]])
    .default('close')
    .describe('price of each bar the indicator reads');
}

/** A whole-number period with a default. */
export function periodParam(fallback: number, description = 'number of inputs in the window', min = 1) {
  return z.number().int().min(min).default(fallback).describe(description);
}

/** Sets the price a new price indicator reads, and returns it (for definitions' `create`). */
export function withSource<I extends PriceIndicator>(indicator: I, source: PriceSource): I {
  indicator.source = source;
  return indicator;
}
