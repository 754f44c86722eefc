import { roundMoney } from '../../model/currency.js';
import type { OrderSide, OrderType } from '../../model/enums.js';
import type { Instrument } from '../../model/instruments.js';
import type { UnixMicros } from '../../model/time.js';

/** Whether a fill added liquidity (a resting order was hit) or removed it (it crossed the book). */
export type Liquidity = 'maker' | 'taker';

/** One fill to charge: `quantity` is the filled size (its sign is ignored), `price` the fill price. */
export interface FeeFill {
  readonly instrument: Instrument;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly liquidity: Liquidity;
  readonly orderType: OrderType;
  readonly timestamp?: UnixMicros;
}

/** Account state a fee schedule may depend on. */
export interface FeeState {
  /**
   * Units (shares or contracts) already traded this calendar month, before this fill. Tiered
   * schedules pick the tier from this number; the whole fill is charged at that tier's rate.
   */
  readonly monthlyVolume: number;
}

/**
 * The fee of one fill in the instrument's currency, split by who charges it. The parts are NOT
 * rounded; `total` is their sum rounded once to the currency's precision (half away from zero), so
 * the parts may differ from `total` by less than one minor unit. A negative part or total is a
 * rebate (maker rebates on crypto venues).
 */
export interface FeeBreakdown {
  readonly total: number;
  /** The broker's commission. */
  readonly commission: number;
  /** Exchange (venue) fees, negative for a rebate. */
  readonly exchange: number;
  /** Regulatory fees: SEC fee, FINRA TAF, NFA fee. */
  readonly regulatory: number;
  /** Clearing fees. */
  readonly clearing: number;
}

export interface FeeModel {
  feeFor(fill: FeeFill, state: FeeState): FeeBreakdown;
}

export type FeeParts = Partial<Omit<FeeBreakdown, 'total'>>;

/** Builds a breakdown from unrounded parts: the total is rounded once, at the end. */
export function feeBreakdown(instrument: Instrument, parts: FeeParts): FeeBreakdown {
  const commission = parts.commission ?? 0;
  const exchange = parts.exchange ?? 0;
  const regulatory = parts.regulatory ?? 0;
  const clearing = parts.clearing ?? 0;
  const total = roundMoney(commission + exchange + regulatory + clearing, instrument.currency);
  return { total, commission, exchange, regulatory, clearing };
}

export const ZERO_STATE: FeeState = { monthlyVolume: 0 };

/** Absolute quantity of a fill. */
export function units(fill: FeeFill): number {
  return Math.abs(fill.quantity);
}

/** Absolute notional of a fill: quantity × price × multiplier. */
export function notional(fill: FeeFill): number {
  return Math.abs(fill.quantity * fill.price * fill.instrument.multiplier);
}

/** Clamps `value` into [min, max], with max winning if the bounds cross (IB: max 1% beats the minimum). */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** A tier of a volume-tiered schedule: applies while monthly volume is <= `upTo` (Infinity for the last). */
export interface VolumeTier {
  readonly upTo: number;
  readonly rate: number;
}

/** The rate of the first tier whose `upTo` is >= the monthly volume. */
export function tierRate(tiers: readonly VolumeTier[], monthlyVolume: number): number {
  for (const tier of tiers) if (monthlyVolume <= tier.upTo) return tier.rate;
  const last = tiers[tiers.length - 1];
  if (!last) throw new RangeError('a tiered fee schedule needs at least one tier');
  return last.rate;
}

export function requireNonNegative(name: string, value: number): number {
  if (!(value >= 0) || !Number.isFinite(value))
    throw new RangeError(`fee parameter '${name}' must be a finite number >= 0, got ${value}`);
  return value;
}
