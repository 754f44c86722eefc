/**
 * Distributions, special functions, sample statistics, seeded random numbers and input checks shared
 * by the analytics library (and by the tearsheet and the research diagnostics).
 */
export { bivariateNormalCdf } from './bivariate-normal.js';
export { chiSquareCdf, chiSquareSurvival, chiSquareUpperQuantile } from './chi-square.js';
export { logGamma, regularizedGammaP, regularizedGammaQ } from './gamma.js';
export {
  kolmogorovCdf,
  kolmogorovSmirnovCdfExact,
  kolmogorovSmirnovPValueStephens,
  kolmogorovSurvival,
} from './kolmogorov.js';
export { normalCdf, normalCdfMinusHalf, normalPdf, normalQuantile } from './normal.js';
export { mulberry32, normalGenerator } from './random.js';
export { allFinite, mean, quantileSorted, sampleCovariance, sampleStdDev } from './sample.js';
export {
  requireFinite,
  requireFiniteSeries,
  requireInteger,
  requirePositive,
  requireProbabilities,
  requireSeed,
} from './validate.js';
