import { type OrderSide, sideSign } from '../../model/enums.js';
import type { Instrument } from '../../model/instruments.js';
import type { UnixMicros } from '../../model/time.js';

export interface SlippageFill {
  readonly instrument: Instrument;
  readonly side: OrderSide;
  /** The price the fill model chose, before slippage. */
  readonly price: number;
  readonly quantity: number;
  readonly timestamp: UnixMicros;
}

export interface SlippageContext {
  /** A volatility estimate in price units (e.g. an ATR or the standard deviation of price changes). */
  readonly volatility?: number;
  /** Uniform in [0, 1); pass a seeded generator (`mulberry32`) for reproducible runs. */
  readonly random: () => number;
}

/**
 * Returns the price a taker actually gets: always on the instrument's price grid and never better
 * than `fill.price` (buys move up, sells move down).
 */
export interface SlippageModel {
  adjust(fill: SlippageFill, context: SlippageContext): number;
}

/**
 * Moves a price `ticks` ticks against the taker. The price is first snapped to the grid in the
 * taker's disfavour (buys up, sells down), so an off-grid input is never rounded into a better price.
 * Sells stop at one tick above zero (unless the input already was at or below it), so slippage never
 * invents a zero or negative price.
 */
export function slipByTicks(fill: SlippageFill, ticks: number): number {
  if (!(ticks >= 0) || !Number.isInteger(ticks))
    throw new RangeError(`slippage in ticks must be a whole number >= 0, got ${ticks}`);
  const grid = fill.instrument.priceGrid;
  const sign = sideSign(fill.side);
  const snapped = grid.toTicks(sign > 0 ? grid.ceil(fill.price) : grid.floor(fill.price));
  if (sign > 0) return grid.fromTicks(snapped + ticks);
  return grid.fromTicks(Math.max(snapped - ticks, Math.min(snapped, 1)));
}
