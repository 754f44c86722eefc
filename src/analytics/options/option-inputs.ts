/**
 * Input checks of the option pricers: the European closed forms, Greeks and implied volatilities, the
 * numerical pricers (trees, finite differences, Monte Carlo, finite-difference Greeks), the American
 * approximations and the exotics. Each failure is a `RangeError` whose message names the argument,
 * e.g. `strike must be a finite number > 0, got -5`.
 */
import { requireFinite, requirePositive } from '../statistics/validate.js';
import { type OptionType, requireOptionType } from './types.js';

/** A finite number `>= 0`. */
export function requireNonNegative(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/**
 * The inputs of the generalised Black–Scholes–Merton model: spot and strike > 0, time and vol ≥ 0,
 * rate and carry finite. `underlying` names the first price argument ('spot' or 'forward').
 */
export function checkLognormalInputs(
  type: OptionType,
  underlying: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
  underlyingName = 'spot',
): void {
  requireOptionType('type', type);
  requirePositive(underlyingName, underlying);
  requirePositive('strike', strike);
  requireNonNegative('time', time);
  requireFinite('rate', rate);
  requireFinite('carry', carry);
  requireNonNegative('vol', vol);
}

/** The inputs of the Bachelier model: forward and strike any finite number, time and vol ≥ 0. */
export function checkNormalInputs(
  type: OptionType,
  forward: number,
  strike: number,
  time: number,
  rate: number,
  normalVol: number,
): void {
  requireOptionType('type', type);
  requireFinite('forward', forward);
  requireFinite('strike', strike);
  requireNonNegative('time', time);
  requireFinite('rate', rate);
  requireNonNegative('normalVol', normalVol);
}

/** Market inputs a pricer is valued at (strike included). Generalised cost of carry b. */
export interface PricingInputs {
  readonly spot: number;
  readonly strike: number;
  readonly time: number;
  readonly rate: number;
  readonly carry: number;
  readonly vol: number;
}

/**
 * The inputs of a pricer that needs time and vol strictly positive (numerical methods, the American
 * approximations, the exotics): spot, strike, time (years) and vol > 0; rate and carry finite.
 */
export function requireMarketInputs(
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): void {
  requirePositive('spot', spot);
  requirePositive('strike', strike);
  requirePositive('time', time);
  requireFinite('rate', rate);
  requireFinite('carry', carry);
  requirePositive('vol', vol);
}

/** type 'call' | 'put', then {@link requireMarketInputs}. */
export function requireOptionInputs(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): void {
  requireOptionType('type', type);
  requireMarketInputs(spot, strike, time, rate, carry, vol);
}

/**
 * The inputs of the quadratic / flat-boundary American approximations (BAW, Bjerksund–Stensland):
 * as `requireOptionInputs`, and rate ≥ 0 — with negative rates a put (or call) can have two exercise
 * boundaries, which these one-boundary formulas cannot represent.
 */
export function requireAmericanApproximationInputs(
  type: OptionType,
  spot: number,
  strike: number,
  time: number,
  rate: number,
  carry: number,
  vol: number,
): void {
  requireOptionInputs(type, spot, strike, time, rate, carry, vol);
  if (rate < 0) {
    throw new RangeError(
      `rate must be >= 0 for the American approximations (negative rates can give two exercise boundaries; use the finite-difference pricer), got ${rate}`,
    );
  }
}
