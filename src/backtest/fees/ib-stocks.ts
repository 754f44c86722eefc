/**
 * Interactive Brokers US stock commissions (IBKR Pro), Fixed and Tiered.
 *
 * Fee schedules change: every default below is INDICATIVE, as published in 2024, and every one can
 * be overridden by configuration. Check the broker's and regulators' current schedules before
 * trusting absolute cost numbers.
 *
 * Minimums and maximums apply per order; until the exchange aggregates fills per order, each fill is
 * charged as its own order (so a partially filled order can pay the minimum more than once).
 */
import {
  clamp,
  type FeeFill,
  type FeeModel,
  feeBreakdown,
  notional,
  requireNonNegative,
  tierRate,
  units,
  type VolumeTier,
} from './types.js';

export interface RegulatoryFeeOptions {
  /** SEC Section 31 fee on sales, dollars per dollar of sale proceeds. 2024 default: $27.80 per $1M. */
  readonly secFeeRate?: number;
  /** FINRA Trading Activity Fee per share sold. 2024 default: $0.000166. */
  readonly finraTafPerShare?: number;
  /** Maximum FINRA TAF per trade. 2024 default: $8.30. */
  readonly finraTafMaximum?: number;
}

export const SEC_FEE_RATE_2024 = 27.8 / 1_000_000;
export const FINRA_TAF_PER_SHARE_2024 = 0.000166;
export const FINRA_TAF_MAXIMUM_2024 = 8.3;

/** SEC fee plus FINRA TAF: charged on sells only, nothing on buys. */
export function usRegulatoryFees(fill: FeeFill, options: RegulatoryFeeOptions = {}): number {
  if (fill.side !== 'sell') return 0;
  const secRate = options.secFeeRate ?? SEC_FEE_RATE_2024;
  const tafPerShare = options.finraTafPerShare ?? FINRA_TAF_PER_SHARE_2024;
  const tafMaximum = options.finraTafMaximum ?? FINRA_TAF_MAXIMUM_2024;
  return secRate * notional(fill) + Math.min(tafPerShare * units(fill), tafMaximum);
}

export interface IbStocksFixedOptions extends RegulatoryFeeOptions {
  /** Default $0.005 per share. */
  readonly perShare?: number;
  /** Default $1.00 per order. */
  readonly minimum?: number;
  /** Default 1 (% of trade value). */
  readonly maximumPercent?: number;
  /** Pass SEC fee and FINRA TAF through on sells (IB does on Fixed too). Default true. */
  readonly regulatory?: boolean;
}

/**
 * IB Fixed: $0.005/share, min $1.00, max 1 % of trade value per order (the maximum wins when it is
 * below the minimum), exchange and clearing fees included; SEC fee and FINRA TAF passed through.
 */
export function ibStocksFixedFees(options: IbStocksFixedOptions = {}): FeeModel {
  const perShare = requireNonNegative('perShare', options.perShare ?? 0.005);
  const minimum = requireNonNegative('minimum', options.minimum ?? 1);
  const maximumPercent = requireNonNegative('maximumPercent', options.maximumPercent ?? 1);
  const withRegulatory = options.regulatory ?? true;
  return {
    feeFor(fill) {
      const cap = (maximumPercent / 100) * notional(fill);
      const commission = clamp(perShare * units(fill), minimum, cap);
      const regulatory = withRegulatory ? usRegulatoryFees(fill, options) : 0;
      return feeBreakdown(fill.instrument, { commission, regulatory });
    },
  };
}

/** IB Tiered per-share commission by monthly share volume (2024). */
export const IB_STOCK_TIERS_2024: readonly VolumeTier[] = [
  { upTo: 300_000, rate: 0.0035 },
  { upTo: 3_000_000, rate: 0.002 },
  { upTo: 20_000_000, rate: 0.0015 },
  { upTo: 100_000_000, rate: 0.001 },
  { upTo: Infinity, rate: 0.0005 },
];

export interface IbStocksTieredOptions extends RegulatoryFeeOptions {
  readonly tiers?: readonly VolumeTier[];
  /** Default $0.35 per order. */
  readonly minimum?: number;
  /** Default 1 (% of trade value), applied to the commission only. */
  readonly maximumPercent?: number;
  /**
   * Exchange fee per share by liquidity; venues differ, a negative maker value is a rebate.
   * Indicative defaults: taker $0.0030 (NYSE/Nasdaq remove-liquidity), maker $0.
   */
  readonly exchangePerShare?: { readonly maker: number; readonly taker: number };
  /** Clearing fee per share. Indicative default: NSCC/DTC $0.00020. */
  readonly clearingPerShare?: number;
}

/**
 * IB Tiered: per-share commission by monthly volume tier (the tier of `state.monthlyVolume` applies
 * to the whole fill), min $0.35, max 1 % of trade value, plus exchange fees, clearing fees, the SEC
 * fee and FINRA TAF on sells.
 */
export function ibStocksTieredFees(options: IbStocksTieredOptions = {}): FeeModel {
  const tiers = options.tiers ?? IB_STOCK_TIERS_2024;
  const minimum = requireNonNegative('minimum', options.minimum ?? 0.35);
  const maximumPercent = requireNonNegative('maximumPercent', options.maximumPercent ?? 1);
  const exchangePerShare = options.exchangePerShare ?? { maker: 0, taker: 0.003 };
  const clearingPerShare = requireNonNegative('clearingPerShare', options.clearingPerShare ?? 0.0002);
  return {
    feeFor(fill, state) {
      const shares = units(fill);
      const cap = (maximumPercent / 100) * notional(fill);
      const commission = clamp(tierRate(tiers, state.monthlyVolume) * shares, minimum, cap);
      const exchangeRate = fill.liquidity === 'maker' ? exchangePerShare.maker : exchangePerShare.taker;
      return feeBreakdown(fill.instrument, {
        commission,
        exchange: exchangeRate * shares,
        clearing: clearingPerShare * shares,
        regulatory: usRegulatoryFees(fill, options),
      });
    },
  };
}
