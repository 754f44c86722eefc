import type { CommissionModel } from '../commission.js';
import {
  clamp,
  type FeeBreakdown,
  type FeeFill,
  type FeeModel,
  feeBreakdown,
  notional,
  requireNonNegative,
  units,
} from './types.js';

/** No fees at all. */
export function noFees(): FeeModel {
  return { feeFor: (fill) => feeBreakdown(fill.instrument, {}) };
}

/** `amount` of commission per share or contract, per side (e.g. 2.00 per ES contract). */
export function perUnitFees(amount: number): FeeModel {
  requireNonNegative('amount', amount);
  return { feeFor: (fill) => feeBreakdown(fill.instrument, { commission: amount * units(fill) }) };
}

/** `rate` percent of notional (quantity × price × multiplier) as commission, e.g. 0.1 for 10 bp. */
export function percentFees(rate: number): FeeModel {
  requireNonNegative('rate', rate);
  return {
    feeFor: (fill) => feeBreakdown(fill.instrument, { commission: (rate / 100) * notional(fill) }),
  };
}

export interface FixedPlusPerUnitOptions {
  /** Fixed amount per order (per fill until fills are aggregated per order). */
  readonly perOrder?: number;
  readonly perUnit?: number;
  /** Minimum commission per order; 0 when absent. */
  readonly minimum?: number;
  /** Maximum commission per order as an amount; none when absent. */
  readonly maximum?: number;
  /** Maximum commission per order as a percent of notional, e.g. 1 for 1 %; none when absent. */
  readonly maximumPercent?: number;
}

/**
 * `perOrder + perUnit × quantity`, clamped to [minimum, maximum]. When the maximum is below the
 * minimum the maximum wins (this is how Interactive Brokers applies "min $1, max 1 %").
 */
export function fixedPlusPerUnitFees(options: FixedPlusPerUnitOptions): FeeModel {
  const perOrder = requireNonNegative('perOrder', options.perOrder ?? 0);
  const perUnit = requireNonNegative('perUnit', options.perUnit ?? 0);
  const minimum = requireNonNegative('minimum', options.minimum ?? 0);
  const maximum = options.maximum === undefined ? Infinity : requireNonNegative('maximum', options.maximum);
  const maxPercent = options.maximumPercent;
  if (maxPercent !== undefined) requireNonNegative('maximumPercent', maxPercent);
  return {
    feeFor(fill) {
      const cap = Math.min(
        maximum,
        maxPercent === undefined ? Infinity : (maxPercent / 100) * notional(fill),
      );
      const commission = clamp(perOrder + perUnit * units(fill), minimum, cap);
      return feeBreakdown(fill.instrument, { commission });
    },
  };
}

export interface MakerTakerOptions {
  /** Basis points of notional for maker (liquidity-adding) fills; negative for a rebate. */
  readonly makerBps: number;
  /** Basis points of notional for taker fills; must be >= 0. */
  readonly takerBps: number;
}

/**
 * Crypto-style fees in basis points of notional by liquidity, booked as exchange fees (the venue is
 * the broker). A negative maker rate is a rebate and gives a negative total.
 */
export function makerTakerFees(options: MakerTakerOptions): FeeModel {
  requireNonNegative('takerBps', options.takerBps);
  if (!Number.isFinite(options.makerBps))
    throw new RangeError(`fee parameter 'makerBps' must be finite, got ${options.makerBps}`);
  if (options.makerBps < -options.takerBps)
    throw new RangeError(
      `maker rebate ${options.makerBps} bp exceeds the taker fee ${options.takerBps} bp; a venue cannot pay more than it charges`,
    );
  return {
    feeFor(fill) {
      const bps = fill.liquidity === 'maker' ? options.makerBps : options.takerBps;
      return feeBreakdown(fill.instrument, { exchange: (bps / 10_000) * notional(fill) });
    },
  };
}

/** The existing simple `CommissionModel` as a `FeeModel`: same totals as `commissionFor`. */
export function fromCommissionModel(model: CommissionModel): FeeModel {
  switch (model.kind) {
    case 'none':
      return noFees();
    case 'per-unit':
      return perUnitFees(model.amount);
    case 'percent':
      return percentFees(model.rate);
  }
}

/** Adds the parts of several models (e.g. a broker's commission plus a venue's fees); rounds once. */
export function combineFees(...models: readonly FeeModel[]): FeeModel {
  return {
    feeFor(fill: FeeFill, state): FeeBreakdown {
      const sum = { commission: 0, exchange: 0, regulatory: 0, clearing: 0 };
      for (const model of models) {
        const b = model.feeFor(fill, state);
        sum.commission += b.commission;
        sum.exchange += b.exchange;
        sum.regulatory += b.regulatory;
        sum.clearing += b.clearing;
      }
      return feeBreakdown(fill.instrument, sum);
    },
  };
}
