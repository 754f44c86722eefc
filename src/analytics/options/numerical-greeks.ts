/**
 * Greeks of any pricer by central finite differences (Haug 2007, §2.5 "Numerical Greeks"; Glasserman,
 * "Monte Carlo Methods in Financial Engineering", 2004, §7.1 for common random numbers). Conventions
 * match the analytic Greeks (greeks.ts): delta ∂V/∂S, gamma ∂²V/∂S², vega ∂V/∂σ per 1.00 of vol,
 * theta = −∂V/∂T per year, rho ∂V/∂r per 1.00 of rate with the dividend yield held (the carry moves
 * with the rate) unless `carryFollowsRate` is false (futures options: b = 0 stays 0).
 *
 * Bumps are relative to the input: spot by `spotBump`·S, vol by `volBump`·σ, time by `timeBump`·T,
 * rate by an absolute `rateBump`. A Monte Carlo pricer must fix its seed inside the closure so that
 * every bumped revaluation sees the same draws (common random numbers); its bumps should be larger.
 */
import type { Greeks } from './greeks.js';
import type { HigherOrderGreeks } from './higher-order-greeks.js';
import { type PricingInputs, requireMarketInputs } from './option-inputs.js';

export type { PricingInputs } from './option-inputs.js';

/** A price as a function of the market inputs. */
export type Pricer = (inputs: PricingInputs) => number;

/** Bump sizes; all optional. */
export interface BumpSettings {
  /** Relative spot bump (h = spotBump·S). Default 1e-3. */
  readonly spotBump?: number;
  /** Relative vol bump (h = volBump·σ). Default 1e-3. */
  readonly volBump?: number;
  /** Relative time bump (h = timeBump·T). Default 1e-3. */
  readonly timeBump?: number;
  /** Absolute rate bump. Default 1e-4. */
  readonly rateBump?: number;
  /** Rho moves b with r (q held, the default) or holds b (futures options). */
  readonly carryFollowsRate?: boolean;
}

interface Steps {
  readonly spot: number;
  readonly vol: number;
  readonly time: number;
  readonly rate: number;
  readonly carryFollowsRate: boolean;
}

function stepsFor(inputs: PricingInputs, bumps: BumpSettings): Steps {
  const relative = (name: string, value: number | undefined, fallback: number) => {
    const bump = value ?? fallback;
    if (!(bump > 0 && bump < 0.5))
      throw new RangeError(`${name} must be a number in (0, 0.5), got ${String(bump)}`);
    return bump;
  };
  return {
    spot: relative('spotBump', bumps.spotBump, 1e-3) * inputs.spot,
    vol: relative('volBump', bumps.volBump, 1e-3) * inputs.vol,
    time: relative('timeBump', bumps.timeBump, 1e-3) * inputs.time,
    rate: relative('rateBump', bumps.rateBump, 1e-4),
    carryFollowsRate: bumps.carryFollowsRate ?? true,
  };
}

function checkInputs({ spot, strike, time, rate, carry, vol }: PricingInputs): void {
  requireMarketInputs(spot, strike, time, rate, carry, vol);
}

/** Price, delta and gamma of `pricer` at `inputs` by a three-point stencil in spot. */
function spotDerivatives(pricer: Pricer, inputs: PricingInputs, h: number): [number, number, number] {
  const price = pricer(inputs);
  const up = pricer({ ...inputs, spot: inputs.spot + h });
  const down = pricer({ ...inputs, spot: inputs.spot - h });
  return [price, (up - down) / (2 * h), (up - 2 * price + down) / (h * h)];
}

/** Central difference of `measure` in vol, at fixed other inputs. */
function volDerivative(measure: Pricer, inputs: PricingInputs, h: number): number {
  return (
    (measure({ ...inputs, vol: inputs.vol + h }) - measure({ ...inputs, vol: inputs.vol - h })) / (2 * h)
  );
}

/** −∂measure/∂T per year by a central difference (h < T/2, so T − h stays positive). */
function timeDecay(measure: Pricer, inputs: PricingInputs, h: number): number {
  return (
    -(measure({ ...inputs, time: inputs.time + h }) - measure({ ...inputs, time: inputs.time - h })) / (2 * h)
  );
}

/** Vega ∂V/∂σ per 1.00 of vol by a central difference (2 pricer calls). */
export function finiteDifferenceVega(
  pricer: Pricer,
  inputs: PricingInputs,
  bumps: BumpSettings = {},
): number {
  checkInputs(inputs);
  return volDerivative(pricer, inputs, stepsFor(inputs, bumps).vol);
}

/** Rho ∂V/∂r per 1.00 of rate by a central difference, b moving with r unless told not to (2 calls). */
export function finiteDifferenceRho(pricer: Pricer, inputs: PricingInputs, bumps: BumpSettings = {}): number {
  checkInputs(inputs);
  const steps = stepsFor(inputs, bumps);
  const rateShift = (sign: number): PricingInputs => ({
    ...inputs,
    rate: inputs.rate + sign * steps.rate,
    carry: steps.carryFollowsRate ? inputs.carry + sign * steps.rate : inputs.carry,
  });
  return (pricer(rateShift(1)) - pricer(rateShift(-1))) / (2 * steps.rate);
}

/**
 * Price, delta, gamma, vega (per 1.00 vol), theta (per year, −∂V/∂T) and rho (per 1.00 rate) of
 * `pricer` by central differences: 9 pricer calls.
 */
export function finiteDifferenceGreeks(
  pricer: Pricer,
  inputs: PricingInputs,
  bumps: BumpSettings = {},
): Greeks {
  checkInputs(inputs);
  const steps = stepsFor(inputs, bumps);
  const [price, delta, gamma] = spotDerivatives(pricer, inputs, steps.spot);
  return {
    price,
    delta,
    gamma,
    vega: volDerivative(pricer, inputs, steps.vol),
    theta: timeDecay(pricer, inputs, steps.time),
    rho: finiteDifferenceRho(pricer, inputs, bumps),
  };
}

/**
 * Vanna, volga, ultima, charm, speed, color, zomma and veta of `pricer` by nested central differences,
 * with the units and signs of higher-order-greeks.ts (vol per 1.00; time derivatives per year as −∂/∂T;
 * Haug 2007, §2.2–2.4 for the definitions). Each is a difference of differences, so use smooth
 * pricers (closed forms, Leisen–Reimer, fine grids) or larger bumps.
 */
export function finiteDifferenceHigherOrderGreeks(
  pricer: Pricer,
  inputs: PricingInputs,
  bumps: BumpSettings = {},
): HigherOrderGreeks {
  checkInputs(inputs);
  const steps = stepsFor(inputs, bumps);
  const delta: Pricer = (at) => spotDerivatives(pricer, at, steps.spot)[1];
  const gamma: Pricer = (at) => spotDerivatives(pricer, at, steps.spot)[2];
  const vega: Pricer = (at) => volDerivative(pricer, at, steps.vol);
  const h = steps.spot;
  const s = inputs.spot;
  const gammaUp = gamma({ ...inputs, spot: s + h });
  const gammaDown = gamma({ ...inputs, spot: s - h });
  return {
    vanna: volDerivative(delta, inputs, steps.vol),
    ultima: volThirdDerivative(pricer, inputs, steps.vol),
    volga:
      (pricer({ ...inputs, vol: inputs.vol + steps.vol }) -
        2 * pricer(inputs) +
        pricer({ ...inputs, vol: inputs.vol - steps.vol })) /
      (steps.vol * steps.vol),
    charm: timeDecay(delta, inputs, steps.time),
    speed: (gammaUp - gammaDown) / (2 * h),
    color: timeDecay(gamma, inputs, steps.time),
    zomma: volDerivative(gamma, inputs, steps.vol),
    veta: timeDecay(vega, inputs, steps.time),
  };
}

/** ∂³V/∂σ³ by the five-point central stencil. */
function volThirdDerivative(pricer: Pricer, inputs: PricingInputs, h: number): number {
  const at = (k: number) => pricer({ ...inputs, vol: inputs.vol + k * h });
  return (at(2) - 2 * at(1) + 2 * at(-1) - at(-2)) / (2 * h * h * h);
}
