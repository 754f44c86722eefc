/**
 * Interactive Brokers US futures commissions (IBKR Pro, tiered by monthly contract volume).
 *
 * Fee schedules change: every default below is INDICATIVE, as published in 2024, and every one can
 * be overridden by configuration.
 */
import {
  type FeeModel,
  feeBreakdown,
  requireNonNegative,
  tierRate,
  units,
  type VolumeTier,
} from './types.js';

/** IB commission per contract by monthly contract volume (2024). */
export const IB_FUTURES_TIERS_2024: readonly VolumeTier[] = [
  { upTo: 1_000, rate: 0.85 },
  { upTo: 10_000, rate: 0.65 },
  { upTo: 20_000, rate: 0.45 },
  { upTo: Infinity, rate: 0.25 },
];

/** Exchange fee per contract by root (CME, non-member, 2024, indicative). */
export const CME_EXCHANGE_FEES_2024: Readonly<Record<string, number>> = { ES: 1.28, MES: 0.35 };

/** NFA regulatory fee per contract (2024). */
export const NFA_FEE_PER_CONTRACT_2024 = 0.02;

export interface IbFuturesOptions {
  readonly tiers?: readonly VolumeTier[];
  /** Exchange fee per contract by root; merged over the built-in defaults. */
  readonly exchangeFees?: Readonly<Record<string, number>>;
  /** Exchange fee for roots missing from `exchangeFees`; without it such a root is an error. */
  readonly defaultExchangeFee?: number;
  readonly nfaPerContract?: number;
}

/**
 * Per contract: IB commission of the tier of `state.monthlyVolume` + exchange fee of the root +
 * NFA fee. E.g. 10 ES contracts in the first tier: 10 × (0.85 + 1.28 + 0.02) = $21.50.
 */
export function ibFuturesFees(options: IbFuturesOptions = {}): FeeModel {
  const tiers = options.tiers ?? IB_FUTURES_TIERS_2024;
  const exchangeFees = { ...CME_EXCHANGE_FEES_2024, ...options.exchangeFees };
  const nfa = requireNonNegative('nfaPerContract', options.nfaPerContract ?? NFA_FEE_PER_CONTRACT_2024);
  const exchangeFeeOf = (root: string): number => {
    const fee = exchangeFees[root.toUpperCase()] ?? options.defaultExchangeFee;
    if (fee === undefined)
      throw new RangeError(
        `no exchange fee for futures root '${root}' (known: ${Object.keys(exchangeFees).join(', ')}); set exchangeFees.${root} or defaultExchangeFee`,
      );
    return fee;
  };
  return {
    feeFor(fill, state) {
      const instrument = fill.instrument;
      if (instrument.kind !== 'future')
        throw new RangeError(`IB futures fees apply to futures, got ${instrument.kind} ${instrument.id}`);
      const contracts = units(fill);
      return feeBreakdown(instrument, {
        commission: tierRate(tiers, state.monthlyVolume) * contracts,
        exchange: exchangeFeeOf(instrument.root) * contracts,
        regulatory: nfa * contracts,
      });
    },
  };
}
