/** Volatility surfaces: raw SVI and SABR smiles, their fits, no-arbitrage checks, interpolation. */
export {
  type ButterflyCheck,
  butterflyCheck,
  type CalendarCheck,
  type CalendarSlice,
  calendarCheck,
  DEFAULT_BUTTERFLY_GRID,
  densityFactor,
  logMoneynessGrid,
  sviButterflyCheck,
  sviDensityFactor,
} from './arbitrage.js';
export { forwardFromParity, type ParityForward, type ParityPair } from './forward-parity.js';
export {
  type DropReason,
  type ExpiryQuotes,
  expirySmile,
  type MarketSmile,
  type MoneynessFilter,
  marketSmile,
  type OptionQuote,
  type SmilePoint,
} from './market-smile.js';
export {
  requireSabrParameters,
  type SabrParameters,
  sabrAlphaFromAtmVolatility,
  sabrVolatility,
  sabrVolatilityUnchecked,
} from './sabr.js';
export { DEFAULT_SABR_BETA, fitSabr, type SabrFit, type VolatilityPoint } from './sabr-fit.js';
export {
  type ChainFit,
  chainSurface,
  type FitErrors,
  fitChain,
  fitErrors,
  fitSmile,
  type SabrSliceFit,
  type SmileFit,
  type SmileFitOptions,
  type SmileModel,
  type SviSliceFit,
  spreadVolatility,
} from './smile-fit.js';
export { type SurfaceSlice, type VolatilitySurface, volatilitySurface } from './surface.js';
export {
  requireSviParameters,
  SVI_WING_SLOPE_BOUND,
  type SviParameters,
  sviFirstDerivative,
  sviImpliedVolatility,
  sviMinimumVariance,
  sviSatisfiesWingBound,
  sviSecondDerivative,
  sviTotalVariance,
} from './svi.js';
export { fitSvi, type SviFit, type SviFitOptions, type TotalVariancePoint } from './svi-fit.js';
