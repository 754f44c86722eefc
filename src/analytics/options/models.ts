/**
 * The option model registry behind `bourse options`: one contract row, a model name, its price and
 * first-order Greeks. Conventions (all models): delta ∂V/∂S (∂V/∂F for black76/bachelier), gamma
 * ∂²V/∂S², vega per 1.00 of vol, theta = −∂V/∂T per year, rho per 1.00 of rate with the dividend yield
 * held. Analytic Greeks for bsm/black76/bachelier; delta/gamma/theta from the tree or grid for
 * crr/lr/fd and vega/rho by bumping them; central finite differences of the price otherwise
 * (baw/bjs2002, and lsm with common random numbers). See docs/analytics/american-options.md.
 */

import { baroneAdesiWhaleyPrice } from './american/barone-adesi-whaley.js';
import { bjerksundStensland2002Price } from './american/bjerksund-stensland.js';
import { crankNicolsonPrice, crankNicolsonValues } from './american/crank-nicolson.js';
import { crrPrice, crrValues } from './american/crr.js';
import type { LatticeGreeks, VanillaOptionInputs } from './american/inputs.js';
import { leisenReimerPrice, leisenReimerValues } from './american/leisen-reimer.js';
import { longstaffSchwartzPrice } from './american/longstaff-schwartz.js';
import { numericalImpliedVolatility } from './american/numerical-implied-volatility.js';
import { bachelierPrice } from './bachelier.js';
import { black76Price, bsmPrice } from './black-scholes.js';
import { bachelierGreeks, black76Greeks, bsmGreeks, type Greeks } from './greeks.js';
import { bachelierImpliedVolatility, impliedVolatility } from './implied-volatility.js';
import {
  type BumpSettings,
  finiteDifferenceGreeks,
  finiteDifferenceRho,
  finiteDifferenceVega,
  type Pricer,
  type PricingInputs,
} from './numerical-greeks.js';
import type { ExerciseStyle, OptionType } from './types.js';

/** One option as the CLI reads it. Rates, dividend yield and vol are annual decimals; time in years. */
export interface OptionContract {
  readonly type: OptionType;
  readonly style: ExerciseStyle;
  /** Spot price; the futures price for black76 and bachelier. */
  readonly spot: number;
  readonly strike: number;
  readonly rate: number;
  /** Continuous dividend yield q (carry b = r − q); ignored by black76 and bachelier (b = 0). */
  readonly dividend: number;
  /** Lognormal vol; the normal (absolute, price units per √year) vol for bachelier. */
  readonly vol: number;
  readonly time: number;
}

export const MODEL_NAMES = [
  'bsm',
  'black76',
  'bachelier',
  'crr',
  'lr',
  'baw',
  'bjs2002',
  'fd',
  'lsm',
] as const;

/** A registered model name. */
export type ModelName = (typeof MODEL_NAMES)[number];

/** What a model prices and how it gets its Greeks. */
export interface ModelDescription {
  readonly name: ModelName;
  readonly description: string;
  readonly styles: readonly ExerciseStyle[];
  readonly greeks: 'analytic' | 'lattice' | 'finite-difference';
}

const BOTH: readonly ExerciseStyle[] = ['european', 'american'];

export const MODELS: Readonly<Record<ModelName, ModelDescription>> = {
  bsm: {
    name: 'bsm',
    description: 'Black–Scholes–Merton with dividend yield',
    styles: ['european'],
    greeks: 'analytic',
  },
  black76: {
    name: 'black76',
    description: 'Black (1976) on a futures price',
    styles: ['european'],
    greeks: 'analytic',
  },
  bachelier: {
    name: 'bachelier',
    description: 'Bachelier normal model on a futures price',
    styles: ['european'],
    greeks: 'analytic',
  },
  crr: { name: 'crr', description: 'Cox–Ross–Rubinstein tree, 1000 steps', styles: BOTH, greeks: 'lattice' },
  lr: { name: 'lr', description: 'Leisen–Reimer tree, 801 steps', styles: BOTH, greeks: 'lattice' },
  baw: {
    name: 'baw',
    description: 'Barone-Adesi–Whaley (1987) approximation',
    styles: ['american'],
    greeks: 'finite-difference',
  },
  bjs2002: {
    name: 'bjs2002',
    description: 'Bjerksund–Stensland (2002) approximation',
    styles: ['american'],
    greeks: 'finite-difference',
  },
  fd: {
    name: 'fd',
    description: 'Crank–Nicolson finite differences, 800 × 400 grid',
    styles: BOTH,
    greeks: 'lattice',
  },
  lsm: {
    name: 'lsm',
    description: 'Longstaff–Schwartz Monte Carlo, 20,000 paths, seed 1',
    styles: BOTH,
    greeks: 'finite-difference',
  },
};

/** True when `name` is a registered model. */
export function isModelName(name: string): name is ModelName {
  return (MODEL_NAMES as readonly string[]).includes(name);
}

/** The model used when none is given: bsm for European rows, Crank–Nicolson (fd) for American ones. */
export function defaultModel(style: ExerciseStyle): ModelName {
  return style === 'american' ? 'fd' : 'bsm';
}

/** Throws a RangeError naming the models that price `style` when `model` does not. */
export function requireModelFor(model: ModelName, style: ExerciseStyle): void {
  if (MODELS[model].styles.includes(style)) return;
  const able = MODEL_NAMES.filter((name) => MODELS[name].styles.includes(style)).join(', ');
  throw new RangeError(
    `model '${model}' prices ${MODELS[model].styles.join(' and ')} options only; ${style} options: ${able}`,
  );
}

/** The numerical pricers' inputs: carry b = r − q. */
function numericalInputs(contract: OptionContract): VanillaOptionInputs {
  const { type, style, spot, strike, time, rate, dividend, vol } = contract;
  return { type, exercise: style, spot, strike, time, rate, carry: rate - dividend, vol };
}

type NumericalModel = Exclude<ModelName, 'bsm' | 'black76' | 'bachelier'>;

const LATTICES: Record<'crr' | 'lr' | 'fd', (option: VanillaOptionInputs) => LatticeGreeks> = {
  crr: (option) => crrValues(option),
  lr: (option) => leisenReimerValues(option),
  fd: (option) => crankNicolsonValues(option),
};

/** Price-only function of a numerical model over the market inputs (strike and style from `contract`). */
function numericalPricer(model: NumericalModel, contract: OptionContract): Pricer {
  const { type, style } = contract;
  const build = (at: PricingInputs): VanillaOptionInputs => ({ type, exercise: style, ...at });
  switch (model) {
    case 'crr':
      return (at) => crrPrice(build(at));
    case 'lr':
      return (at) => leisenReimerPrice(build(at));
    case 'fd':
      return (at) => crankNicolsonPrice(build(at));
    case 'lsm':
      return (at) => longstaffSchwartzPrice(build(at)).price;
    case 'baw':
      return (at) => baroneAdesiWhaleyPrice(type, at.spot, at.strike, at.time, at.rate, at.carry, at.vol);
    case 'bjs2002':
      return (at) =>
        bjerksundStensland2002Price(type, at.spot, at.strike, at.time, at.rate, at.carry, at.vol);
  }
}

/** Bumps per model: larger for trees (their price wiggles with node placement) and Monte Carlo. */
const BUMPS: Record<NumericalModel, BumpSettings> = {
  crr: { volBump: 1e-2, timeBump: 1e-2 },
  lr: { volBump: 1e-3 },
  fd: { volBump: 1e-3 },
  lsm: { spotBump: 2e-2, volBump: 5e-2, timeBump: 5e-2, rateBump: 1e-3 },
  baw: {},
  bjs2002: {},
};

/** The price of `contract` under `model` (default: {@link defaultModel}). */
export function priceOption(
  contract: OptionContract,
  model: ModelName = defaultModel(contract.style),
): number {
  requireModelFor(model, contract.style);
  const { type, spot, strike, time, rate, dividend, vol } = contract;
  switch (model) {
    case 'bsm':
      return bsmPrice(type, spot, strike, time, rate, dividend, vol);
    case 'black76':
      return black76Price(type, spot, strike, time, rate, vol);
    case 'bachelier':
      return bachelierPrice(type, spot, strike, time, rate, vol);
    default:
      return numericalPricer(model, contract)({ spot, strike, time, rate, carry: rate - dividend, vol });
  }
}

/**
 * Price and first-order Greeks of `contract` under `model` (default: bsm for European, fd for
 * American). Refuses a model that does not price the row's exercise style, naming those that do.
 */
export function priceWithGreeks(
  contract: OptionContract,
  model: ModelName = defaultModel(contract.style),
): Greeks {
  requireModelFor(model, contract.style);
  const { type, spot, strike, time, rate, dividend, vol } = contract;
  switch (model) {
    case 'bsm':
      return bsmGreeks(type, spot, strike, time, rate, dividend, vol);
    case 'black76':
      return black76Greeks(type, spot, strike, time, rate, vol);
    case 'bachelier':
      return bachelierGreeks(type, spot, strike, time, rate, vol);
    default:
      return numericalGreeks(model, contract);
  }
}

function numericalGreeks(model: NumericalModel, contract: OptionContract): Greeks {
  const inputs = numericalInputs(contract);
  const { spot, strike, time, rate, carry, vol } = inputs;
  const market: PricingInputs = { spot, strike, time, rate, carry, vol };
  const pricer = numericalPricer(model, contract);
  if (model !== 'crr' && model !== 'lr' && model !== 'fd')
    return finiteDifferenceGreeks(pricer, market, BUMPS[model]);
  const lattice = LATTICES[model](inputs);
  return {
    ...lattice,
    vega: finiteDifferenceVega(pricer, market, BUMPS[model]),
    rho: finiteDifferenceRho(pricer, market, BUMPS[model]),
  };
}

/**
 * The volatility at which `model` (default: bsm for European, fd for American) prices `contract` at
 * `price`: lognormal vol, or normal vol for bachelier. Closed-form models use the analytic solvers of
 * implied-volatility.ts; the others are inverted by Brent's method over vol in [1e-4, 5]. Throws
 * NoImpliedVolatilityError (a RangeError, with `.reason`) when no vol reproduces the price.
 */
export function impliedVolatilityOf(
  contract: Omit<OptionContract, 'vol'>,
  price: number,
  model: ModelName = defaultModel(contract.style),
): number {
  requireModelFor(model, contract.style);
  const { type, spot, strike, time, rate, dividend } = contract;
  switch (model) {
    case 'bsm':
      return impliedVolatility(type, price, spot, strike, time, rate, rate - dividend);
    case 'black76':
      return impliedVolatility(type, price, spot, strike, time, rate, 0);
    case 'bachelier':
      return bachelierImpliedVolatility(type, price, spot, strike, time, rate);
    default:
      return numericalImpliedVolatility((vol) => priceOption({ ...contract, vol }, model), price);
  }
}
