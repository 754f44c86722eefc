/** Distribution drift tests between a reference and a current sample. */
export { type ChiSquareTestResult, chiSquareDriftTest, chiSquareHomogeneity } from './chi-square-test.js';
export {
  type KolmogorovSmirnovResult,
  kolmogorovSmirnovOneSample,
  kolmogorovSmirnovTwoSample,
  twoSampleKsStatistic,
} from './kolmogorov-smirnov.js';
export {
  type PopulationStabilityResult,
  type PsiBand,
  populationStabilityIndex,
  psiBand,
  psiFromCounts,
} from './population-stability.js';
export { type BinningOptions, binCounts, quantileEdges } from './samples.js';
export { wassersteinDistance } from './wasserstein.js';
