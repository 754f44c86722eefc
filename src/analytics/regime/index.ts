/** Regime detection: Gaussian hidden Markov models, CUSUM and Bayesian online change points. */
export {
  BayesianOnlineChangepoint,
  type BocpdOptions,
  type BocpdResult,
  detectChangepoints,
  type RunLengthDistribution,
} from './bayesian-online-changepoint.js';
export { type CusumAlarm, CusumDetector, type CusumOptions, cusumAlarms } from './cusum.js';
export {
  baumWelchStep,
  expectedDurations,
  fitGaussianHmm,
  type GaussianHmmFit,
  type GaussianHmmFitOptions,
} from './gaussian-hmm.js';
export {
  type ForwardBackwardResult,
  forwardBackward,
  type GaussianHmm,
  hmmLogLikelihood,
  logNormalDensity,
  type ViterbiResult,
  viterbi,
} from './hmm-inference.js';
export { type LabelledPeriod, labelPeriods } from './segments.js';
