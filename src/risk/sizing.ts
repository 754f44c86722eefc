/**
 * Position sizing: how many units to trade. Pure functions of the instrument, the account equity and
 * the method's inputs; no kernel state.
 *
 * Every method
 * - computes a raw quantity, then rounds it DOWN to the instrument's size grid (never more risk than
 *   the budget: the risk of the returned quantity is <= the budget, up to 1e-12 relative float noise),
 * - clamps it to `maxQuantity` / `maxNotional` (rounded down too) and returns 0 below `minQuantity`
 *   (rounding up would exceed the budget),
 * - returns a `SizingResult` that explains itself: the quantity, the money at risk, the notional, and
 *   a `reason` whenever the quantity is 0.
 *
 * Money (risk amount, notional) is in the instrument's currency, rounded to its precision. Bad inputs
 * (negative equity, a stop distance <= 0, a fraction outside (0, 1], NaN) throw a RangeError naming
 * the argument.
 */
import type { Currency } from '../model/currency.js';
import { roundMoney } from '../model/currency.js';
import type { Instrument } from '../model/instruments.js';

export type SizingMethod = 'fixed' | 'fixed-fractional' | 'volatility-target' | 'kelly';

/** Clamps applied after rounding down to the size grid. */
export interface SizingLimits {
  /** Below this the result is 0 (never rounded up: that would exceed the risk budget). */
  readonly minQuantity?: number;
  /** The result is clamped down to this (rounded down to the size grid). */
  readonly maxQuantity?: number;
  /** Clamp on quantity × price × multiplier; needs `price`. */
  readonly maxNotional?: number;
}

export interface SizingResult {
  readonly method: SizingMethod;
  /** Units to trade: on the size grid, >= 0. */
  readonly quantity: number;
  /** Quantity before rounding to the grid and the clamps. */
  readonly rawQuantity: number;
  /**
   * Money lost if the risk unit is hit (the stop for fixed-fractional and Kelly with a stop, one
   * ATR move × `atrMultiple` for volatility targeting), rounded to the currency; undefined when the
   * method has no risk unit (fixed quantity without a stop distance).
   */
  readonly riskAmount: number | undefined;
  /** The budget the method was asked to risk (undefined for fixed quantity). */
  readonly riskBudget: number | undefined;
  /** quantity × price × multiplier, rounded to the currency; undefined without a price. */
  readonly notional: number | undefined;
  readonly currency: Currency;
  /** Why the quantity is 0 (undefined when it is not). */
  readonly reason?: string;
  /** Which clamp cut the quantity, when one did. */
  readonly clampedBy?: 'maxQuantity' | 'maxNotional';
}

interface CommonInputs extends SizingLimits {
  readonly instrument: Instrument;
  /** Entry price: needed for `notional` and `maxNotional`. */
  readonly price?: number;
}

export interface FixedQuantityInputs extends CommonInputs {
  readonly quantity: number;
  /** When given, the result reports the money at risk at this distance. */
  readonly stopDistance?: number;
}

export interface FixedFractionalInputs extends CommonInputs {
  /** Account equity in the instrument's currency. */
  readonly equity: number;
  /** Fraction of equity lost if the stop is hit, in (0, 1] (e.g. 0.01 = 1 %). */
  readonly riskFraction: number;
  /** |entry − stop| in price units (> 0). `stopDistance(entry, stop)` computes it. */
  readonly stopDistance: number;
}

/** An ATR value, or an ATR indicator (its `value` is read; not ready → quantity 0). */
export type AtrInput = number | { readonly value: number; readonly isReady: boolean };

export type VolatilityTargetInputs = CommonInputs & {
  /** Average true range in price units (or the indicator). */
  readonly atr: AtrInput;
  /** Size the position so that a move of `atrMultiple` ATRs costs the target (default 1). */
  readonly atrMultiple?: number;
} & (
    | {
        /** Target daily risk in money (the instrument's currency). */
        readonly targetRisk: number;
        readonly equity?: undefined;
        readonly riskFraction?: undefined;
      }
    | {
        readonly targetRisk?: undefined;
        readonly equity: number;
        /** Target daily risk as a fraction of equity, in (0, 1]. */
        readonly riskFraction: number;
      }
  );

export interface KellyOptions {
  /** Multiplier on full Kelly, in (0, 1] (default 0.5: half Kelly). */
  readonly fraction?: number;
  /** Largest fraction of equity ever returned, in (0, 1] (default 0.25). */
  readonly cap?: number;
}

export interface KellyEstimate {
  /** f* = p − (1 − p) / b (may be negative: no edge). */
  readonly fullKelly: number;
  /** What to use: max(0, f* × fraction), capped. */
  readonly fraction: number;
  readonly capped: boolean;
  readonly winRate: number;
  readonly payoffRatio: number;
  /** Why the fraction is 0 (undefined when it is not). */
  readonly reason?: string;
}

export type KellySizeInputs = CommonInputs &
  KellyOptions & {
    readonly equity: number;
    readonly winRate: number;
    readonly payoffRatio: number;
    /**
     * With a stop, the Kelly fraction is the fraction of equity risked at the stop (like
     * fixed-fractional). Without one, it is the fraction of equity put into the position's notional
     * (needs `price`).
     */
    readonly stopDistance?: number;
  };

// ───────────────────────────── argument checks ─────────────────────────────

function finite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number, got ${value}`);
}

function nonNegative(name: string, value: number): void {
  finite(name, value);
  if (value < 0) throw new RangeError(`${name} must be >= 0, got ${value}`);
}

function positive(name: string, value: number): void {
  finite(name, value);
  if (!(value > 0)) throw new RangeError(`${name} must be > 0, got ${value}`);
}

function unitFraction(name: string, value: number): void {
  finite(name, value);
  if (!(value > 0 && value <= 1)) throw new RangeError(`${name} must be in (0, 1], got ${value}`);
}

function checkCommon(inputs: CommonInputs): void {
  if (inputs.price !== undefined) positive('price', inputs.price);
  if (inputs.minQuantity !== undefined) nonNegative('minQuantity', inputs.minQuantity);
  if (inputs.maxQuantity !== undefined) nonNegative('maxQuantity', inputs.maxQuantity);
  if (inputs.maxNotional !== undefined) {
    nonNegative('maxNotional', inputs.maxNotional);
    if (inputs.price === undefined) throw new RangeError('maxNotional needs a price');
  }
  if (
    inputs.minQuantity !== undefined &&
    inputs.maxQuantity !== undefined &&
    inputs.minQuantity > inputs.maxQuantity
  ) {
    throw new RangeError(`minQuantity ${inputs.minQuantity} must be <= maxQuantity ${inputs.maxQuantity}`);
  }
}

// ───────────────────────────── rounding and clamps ─────────────────────────────

/** Tolerance for "risk <= budget": a few ulps of the products involved. */
const BUDGET_NOISE = 1e-12;

interface Sized {
  quantity: number;
  reason?: string;
  clampedBy?: 'maxQuantity' | 'maxNotional';
}

/**
 * Rounds `raw` down to the size grid, then applies the clamps. `riskPerUnit` (money lost per unit)
 * and `budget` make sure the float product of the rounded quantity never exceeds the budget.
 */
function roundAndClamp(
  inputs: CommonInputs,
  raw: number,
  riskPerUnit: number | undefined,
  budget: number | undefined,
): Sized {
  const grid = inputs.instrument.sizeGrid;
  const increment = grid.increment;
  let ticks = grid.toTicks(grid.floor(raw));
  if (riskPerUnit !== undefined && budget !== undefined) {
    const limit = budget * (1 + BUDGET_NOISE);
    while (ticks > 0 && grid.fromTicks(ticks) * riskPerUnit > limit) ticks--;
  }
  let quantity = grid.fromTicks(Math.max(0, ticks));
  let clampedBy: Sized['clampedBy'];
  if (inputs.maxQuantity !== undefined && quantity > inputs.maxQuantity) {
    quantity = grid.floor(inputs.maxQuantity);
    clampedBy = 'maxQuantity';
  }
  if (inputs.maxNotional !== undefined && inputs.price !== undefined) {
    const perUnit = inputs.price * inputs.instrument.multiplier;
    if (quantity * perUnit > inputs.maxNotional * (1 + BUDGET_NOISE)) {
      let t = grid.toTicks(grid.floor(inputs.maxNotional / perUnit));
      while (t > 0 && grid.fromTicks(t) * perUnit > inputs.maxNotional * (1 + BUDGET_NOISE)) t--;
      quantity = grid.fromTicks(Math.max(0, t));
      clampedBy = 'maxNotional';
    }
  }
  if (quantity === 0) {
    const why =
      clampedBy === 'maxQuantity'
        ? `maxQuantity ${inputs.maxQuantity} is below one size increment (${increment})`
        : clampedBy === 'maxNotional'
          ? `maxNotional ${inputs.maxNotional} buys less than one size increment (${increment})`
          : `the budget buys ${formatQuantity(raw)}, less than one size increment (${increment})`;
    return { quantity: 0, reason: why, clampedBy };
  }
  if (inputs.minQuantity !== undefined && quantity < inputs.minQuantity) {
    return {
      quantity: 0,
      reason: `${quantity} is below minQuantity ${inputs.minQuantity} (not rounded up: that would exceed the budget)`,
      clampedBy,
    };
  }
  return { quantity, clampedBy };
}

function formatQuantity(value: number): string {
  return Number(value.toPrecision(6)).toString();
}

function result(
  method: SizingMethod,
  inputs: CommonInputs,
  raw: number,
  sized: Sized,
  riskPerUnit: number | undefined,
  budget: number | undefined,
  zeroReason?: string,
): SizingResult {
  const ccy = inputs.instrument.currency;
  const quantity = zeroReason === undefined ? sized.quantity : 0;
  const reason = zeroReason ?? sized.reason;
  return {
    method,
    quantity,
    rawQuantity: raw,
    riskAmount: riskPerUnit === undefined ? undefined : roundMoney(quantity * riskPerUnit, ccy),
    riskBudget: budget === undefined ? undefined : roundMoney(budget, ccy),
    notional:
      inputs.price === undefined
        ? undefined
        : roundMoney(quantity * inputs.price * inputs.instrument.multiplier, ccy),
    currency: ccy,
    ...(reason !== undefined ? { reason } : {}),
    ...(sized.clampedBy !== undefined ? { clampedBy: sized.clampedBy } : {}),
  };
}

// ───────────────────────────── methods ─────────────────────────────

/** |entry − stop|, checked: both finite and different. */
export function stopDistance(entryPrice: number, stopPrice: number): number {
  finite('entryPrice', entryPrice);
  finite('stopPrice', stopPrice);
  const distance = Math.abs(entryPrice - stopPrice);
  if (!(distance > 0)) throw new RangeError(`stop price ${stopPrice} equals entry price ${entryPrice}`);
  return distance;
}

/** A fixed number of units, rounded down to the size grid and clamped. */
export function fixedQuantity(inputs: FixedQuantityInputs): SizingResult {
  checkCommon(inputs);
  nonNegative('quantity', inputs.quantity);
  if (inputs.stopDistance !== undefined) positive('stopDistance', inputs.stopDistance);
  const riskPerUnit =
    inputs.stopDistance === undefined ? undefined : inputs.stopDistance * inputs.instrument.multiplier;
  const sized = roundAndClamp(inputs, inputs.quantity, undefined, undefined);
  const zero = inputs.quantity === 0 ? 'quantity is 0' : undefined;
  return result('fixed', inputs, inputs.quantity, sized, riskPerUnit, undefined, zero);
}

/**
 * Fixed-fractional risk: lose `riskFraction` of `equity` if the stop is hit.
 * quantity = equity × riskFraction / (stopDistance × multiplier).
 */
export function fixedFractional(inputs: FixedFractionalInputs): SizingResult {
  checkCommon(inputs);
  nonNegative('equity', inputs.equity);
  unitFraction('riskFraction', inputs.riskFraction);
  positive('stopDistance', inputs.stopDistance);
  const budget = inputs.equity * inputs.riskFraction;
  const riskPerUnit = inputs.stopDistance * inputs.instrument.multiplier;
  const raw = budget / riskPerUnit;
  const sized = roundAndClamp(inputs, raw, riskPerUnit, budget);
  const zero = inputs.equity === 0 ? 'equity is 0' : undefined;
  return result('fixed-fractional', inputs, raw, sized, riskPerUnit, budget, zero);
}

/**
 * Volatility targeting: a move of `atrMultiple` ATRs costs the target daily risk.
 * quantity = targetRisk / (ATR × atrMultiple × multiplier), targetRisk = equity × riskFraction when
 * given as a fraction. An ATR indicator that is not ready yet gives quantity 0 with a reason.
 */
export function volatilityTarget(inputs: VolatilityTargetInputs): SizingResult {
  checkCommon(inputs);
  const atrMultiple = inputs.atrMultiple ?? 1;
  positive('atrMultiple', atrMultiple);
  let budget: number;
  if (inputs.targetRisk !== undefined) {
    nonNegative('targetRisk', inputs.targetRisk);
    budget = inputs.targetRisk;
  } else {
    nonNegative('equity', inputs.equity);
    unitFraction('riskFraction', inputs.riskFraction);
    budget = inputs.equity * inputs.riskFraction;
  }
  const atrInput = inputs.atr;
  if (typeof atrInput !== 'number' && !atrInput.isReady) {
    const none: Sized = { quantity: 0 };
    return result(
      'volatility-target',
      inputs,
      0,
      none,
      undefined,
      budget,
      'the ATR is not ready (warming up)',
    );
  }
  const atr = typeof atrInput === 'number' ? atrInput : atrInput.value;
  positive('atr', atr);
  const riskPerUnit = atr * atrMultiple * inputs.instrument.multiplier;
  const raw = budget / riskPerUnit;
  const sized = roundAndClamp(inputs, raw, riskPerUnit, budget);
  const zero = budget === 0 ? 'target risk is 0' : undefined;
  return result('volatility-target', inputs, raw, sized, riskPerUnit, budget, zero);
}

/**
 * Kelly fraction from a win rate p in [0, 1] and a payoff ratio b > 0 (average win / average loss):
 * f* = p − (1 − p) / b, times `fraction`, capped at `cap`; 0 when the edge is negative.
 */
export function kellyFraction(
  winRate: number,
  payoffRatio: number,
  options: KellyOptions = {},
): KellyEstimate {
  finite('winRate', winRate);
  if (winRate < 0 || winRate > 1) throw new RangeError(`winRate must be in [0, 1], got ${winRate}`);
  if (Number.isNaN(payoffRatio) || !(payoffRatio > 0))
    throw new RangeError(`payoffRatio must be > 0, got ${payoffRatio}`);
  const multiplier = options.fraction ?? 0.5;
  const cap = options.cap ?? 0.25;
  unitFraction('fraction', multiplier);
  unitFraction('cap', cap);
  // An infinite payoff ratio (no losses seen) leaves f* = p.
  const full = payoffRatio === Number.POSITIVE_INFINITY ? winRate : winRate - (1 - winRate) / payoffRatio;
  if (!(full > 0)) {
    return {
      fullKelly: full,
      fraction: 0,
      capped: false,
      winRate,
      payoffRatio,
      reason: `no edge: full Kelly ${formatQuantity(full)} <= 0 (win rate ${winRate}, payoff ratio ${formatQuantity(payoffRatio)})`,
    };
  }
  const scaled = full * multiplier;
  return { fullKelly: full, fraction: Math.min(scaled, cap), capped: scaled > cap, winRate, payoffRatio };
}

/**
 * Kelly fraction estimated from trade returns (any consistent unit: P&L or % returns): p = share of
 * winners, b = mean win / |mean loss|. Zero-return trades count as neither. No trades → RangeError;
 * no winners → 0; no losers → f* = p (then scaled and capped).
 */
export function kellyFromReturns(returns: readonly number[], options: KellyOptions = {}): KellyEstimate {
  if (returns.length === 0) throw new RangeError('returns must not be empty');
  let wins = 0;
  let losses = 0;
  let winSum = 0;
  let lossSum = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    finite(`returns[${i}]`, r);
    if (r > 0) {
      wins++;
      winSum += r;
    } else if (r < 0) {
      losses++;
      lossSum -= r;
    }
  }
  const decided = wins + losses;
  if (wins === 0) {
    return {
      fullKelly: decided === 0 ? 0 : -1,
      fraction: 0,
      capped: false,
      winRate: 0,
      payoffRatio: 0,
      reason: decided === 0 ? 'no winning or losing trades' : 'no winning trades',
    };
  }
  const winRate = wins / decided;
  const payoff = losses === 0 ? Number.POSITIVE_INFINITY : winSum / wins / (lossSum / losses);
  return kellyFraction(winRate, payoff, options);
}

/**
 * Fractional Kelly position size. With a stop distance, the Kelly fraction of equity is risked at the
 * stop; without one, it is the fraction of equity put into the notional (needs `price`).
 */
export function kellySize(inputs: KellySizeInputs): SizingResult {
  checkCommon(inputs);
  nonNegative('equity', inputs.equity);
  const kelly = kellyFraction(inputs.winRate, inputs.payoffRatio, inputs);
  let riskPerUnit: number;
  if (inputs.stopDistance !== undefined) {
    positive('stopDistance', inputs.stopDistance);
    riskPerUnit = inputs.stopDistance * inputs.instrument.multiplier;
  } else {
    if (inputs.price === undefined) throw new RangeError('kellySize needs a stopDistance or a price');
    riskPerUnit = inputs.price * inputs.instrument.multiplier;
  }
  const budget = inputs.equity * kelly.fraction;
  const raw = budget / riskPerUnit;
  const sized = roundAndClamp(inputs, raw, riskPerUnit, budget);
  const zero = kelly.reason ?? (inputs.equity === 0 ? 'equity is 0' : undefined);
  return result('kelly', inputs, raw, sized, riskPerUnit, budget, zero);
}
