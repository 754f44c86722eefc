/**
 * The inputs every numerical American/European pricer in this folder takes (trees, Crank–Nicolson,
 * Longstaff–Schwartz), and their validation. Generalised cost of carry b (Haug 2007, ch. 1):
 * b = r − q for a stock paying a continuous dividend yield q, b = 0 for an option on a futures
 * contract (Black 1976), b = r for a non-dividend stock.
 */
import { type PricingInputs, requireOptionInputs } from '../option-inputs.js';
import type { ExerciseStyle, OptionType } from '../types.js';

/**
 * A vanilla option priced by a numerical method: the market inputs (spot — the futures price when
 * carry = 0 — strike, time in years, rate, carry b = r − q or 0 for a futures, lognormal vol, all
 * annual decimals), its type and exercise style.
 */
export interface VanillaOptionInputs extends PricingInputs {
  readonly type: OptionType;
  readonly exercise: ExerciseStyle;
}

/** Price with the Greeks a numerical method reads off its own lattice or grid (theta per year, = ∂V/∂t). */
export interface LatticeGreeks {
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  readonly theta: number;
}

/** Checks every field, throwing a RangeError that names the bad one. */
export function validateOptionInputs(option: VanillaOptionInputs): void {
  if (option.exercise !== 'european' && option.exercise !== 'american') {
    throw new RangeError(`exercise must be 'european' or 'american', got ${String(option.exercise)}`);
  }
  requireOptionInputs(
    option.type,
    option.spot,
    option.strike,
    option.time,
    option.rate,
    option.carry,
    option.vol,
  );
}

/** Exercise value max(S − K, 0) for a call, max(K − S, 0) for a put. */
export function intrinsicValue(type: OptionType, spot: number, strike: number): number {
  return type === 'call' ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
}
