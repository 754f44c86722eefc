/**
 * Options with early exercise: binomial trees (Cox–Ross–Rubinstein, Leisen–Reimer), Crank–Nicolson
 * finite differences, Longstaff–Schwartz Monte Carlo, and the analytic approximations of
 * Barone-Adesi–Whaley and Bjerksund–Stensland 2002. See docs/analytics/american-options.md and
 * docs/analytics/exotic-options.md.
 */
export { baroneAdesiWhaleyPrice } from './barone-adesi-whaley.js';
export { type BinomialStep, binomialTreeValues } from './binomial-tree.js';
export { bjerksundStensland2002Price } from './bjerksund-stensland.js';
export {
  CRANK_NICOLSON_DEFAULTS,
  type CrankNicolsonSettings,
  crankNicolsonPrice,
  crankNicolsonValues,
} from './crank-nicolson.js';
export { CRR_DEFAULT_STEPS, crrPrice, crrValues } from './crr.js';
export { intrinsicValue, type LatticeGreeks, type VanillaOptionInputs } from './inputs.js';
export {
  LEISEN_REIMER_DEFAULT_STEPS,
  leisenReimerPrice,
  leisenReimerValues,
  peizerPrattInversion,
} from './leisen-reimer.js';
export {
  LONGSTAFF_SCHWARTZ_DEFAULTS,
  type LongstaffSchwartzSettings,
  longstaffSchwartzPrice,
  type MonteCarloPrice,
} from './longstaff-schwartz.js';
export { numericalImpliedVolatility, type VolSearchSettings } from './numerical-implied-volatility.js';
