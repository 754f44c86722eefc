/**
 * A portfolio on one underlying: linear positions (the underlying, futures, ETFs) and European
 * option positions, valued under a market state (spot, volatility shift, time passed) by full
 * revaluation with Black–Scholes–Merton or Black (1976) (`analytics/options`).
 */
import { black76Price, bsmPrice } from '../options/black-scholes.js';
import type { OptionType } from '../options/types.js';
import { requireFinite, requirePositive } from '../statistics/validate.js';

/** `quantity` units of the underlying (negative = short); value quantity × spot. */
export interface LinearPosition {
  readonly kind: 'linear';
  readonly quantity: number;
}

/**
 * `quantity` European options (negative = written) on the underlying, `expiry` years from now,
 * priced with annual decimal `rate`, `dividend` yield and implied `vol`. `model` 'black76' treats the
 * underlying as a futures price (dividend ignored); default 'bsm'.
 */
export interface OptionPosition {
  readonly kind: 'option';
  readonly type: OptionType;
  readonly quantity: number;
  readonly strike: number;
  readonly expiry: number;
  readonly rate: number;
  readonly dividend: number;
  readonly vol: number;
  readonly model?: 'bsm' | 'black76';
}

export type Position = LinearPosition | OptionPosition;

/** Trading days a year: turns a number of trading days into years of option time. */
export const TRADING_DAYS_PER_YEAR = 252;

/**
 * A market state: the underlying's level, an additive shift of every implied vol (0.10 = +10 vol
 * points; shifted vols are floored at 0) and the time passed in years (options then have
 * max(expiry − elapsed, 0) left).
 */
export interface MarketState {
  readonly spot: number;
  readonly volShift?: number;
  readonly elapsed?: number;
}

/** The value of one position in `state` (money per unit of the underlying's price). */
export function positionValue(position: Position, state: MarketState): number {
  requirePositive('spot', state.spot);
  const volShift = requireFinite('volShift', state.volShift ?? 0);
  const elapsed = requireFinite('elapsed', state.elapsed ?? 0);
  requireFinite('quantity', position.quantity);
  if (position.kind === 'linear') return position.quantity * state.spot;
  const time = Math.max(position.expiry - elapsed, 0);
  const vol = Math.max(position.vol + volShift, 0);
  const price =
    position.model === 'black76'
      ? black76Price(position.type, state.spot, position.strike, time, position.rate, vol)
      : bsmPrice(position.type, state.spot, position.strike, time, position.rate, position.dividend, vol);
  return position.quantity * price;
}

/** The value of a portfolio in `state`: the sum of its positions' values. */
export function portfolioValue(positions: readonly Position[], state: MarketState): number {
  let total = 0;
  for (const position of positions) total += positionValue(position, state);
  return total;
}

/**
 * Portfolio delta ∂V/∂S and gamma ∂²V/∂S² at `state` by central differences of the full
 * revaluation with a bump of 1e-4 × spot (for the delta–gamma comparison of stress results).
 */
export function portfolioDeltaGamma(
  positions: readonly Position[],
  state: MarketState,
): { readonly delta: number; readonly gamma: number } {
  const bump = state.spot * 1e-4;
  const up = portfolioValue(positions, { ...state, spot: state.spot + bump });
  const mid = portfolioValue(positions, state);
  const down = portfolioValue(positions, { ...state, spot: state.spot - bump });
  return { delta: (up - down) / (2 * bump), gamma: (up - 2 * mid + down) / (bump * bump) };
}
