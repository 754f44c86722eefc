/**
 * Option pricing: European closed forms (generalised Black–Scholes–Merton with cost of carry,
 * Black-76, Bachelier) with analytic first- and higher-order Greeks and implied volatility; American
 * options and closed-form exotics; finite-difference Greeks of any pricer; the model registry behind
 * `bourse options`. Conventions: vega and rho per 1.00 change, theta per year (−∂V/∂T).
 * See docs/analytics/options.md.
 */
export * from './american/index.js';
export { bachelierPrice, undiscountedBachelier } from './bachelier.js';
export { black76Price, blackScholesPrice, bsmPrice, lognormalPrice } from './black-scholes.js';
export * from './exotic/index.js';
export {
  type BlackScholesGreeks,
  bachelierGreeks,
  black76Greeks,
  blackScholesGreeks,
  bsmGreeks,
  type Greeks,
  lognormalGreeks,
} from './greeks.js';
export {
  blackScholesHigherOrderGreeks,
  bsmHigherOrderGreeks,
  type HigherOrderGreeks,
} from './higher-order-greeks.js';
export {
  bachelierImpliedVolatility,
  black76ImpliedVolatility,
  bsmImpliedVolatility,
  impliedVolatility,
  NoImpliedVolatilityError,
  type NoImpliedVolatilityReason,
} from './implied-volatility.js';
export {
  defaultModel,
  impliedVolatilityOf,
  isModelName,
  MODEL_NAMES,
  MODELS,
  type ModelDescription,
  type ModelName,
  type OptionContract,
  priceOption,
  priceWithGreeks,
  requireModelFor,
} from './models.js';
export {
  type BumpSettings,
  finiteDifferenceGreeks,
  finiteDifferenceHigherOrderGreeks,
  finiteDifferenceRho,
  finiteDifferenceVega,
  type Pricer,
} from './numerical-greeks.js';
export {
  type PricingInputs,
  requireAmericanApproximationInputs,
  requireMarketInputs,
  requireOptionInputs,
} from './option-inputs.js';
export { type ExerciseStyle, type OptionType, requireOptionType } from './types.js';
