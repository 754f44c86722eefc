/**
 * Fitting a univariate Gaussian hidden Markov model by Baum–Welch expectation–maximisation
 * (Baum, Petrie, Soules & Weiss 1970; Rabiner 1989, Proc. IEEE 77(2), eqs. 37–40a, 53–54), from
 * several starts (a variance-spread start, a quantile start and seeded random starts), keeping the
 * best log-likelihood. States are returned ordered by variance (state 0 = calmest).
 */
import { mulberry32 } from '../statistics/random.js';
import { mean, quantileSorted } from '../statistics/sample.js';
import { requireFiniteSeries, requireInteger, requirePositive, requireSeed } from '../statistics/validate.js';
import { forwardBackward, type GaussianHmm } from './hmm-inference.js';

/** Options of {@link fitGaussianHmm}. */
export interface GaussianHmmFitOptions {
  /** Number of hidden states (default 2). */
  readonly states?: number;
  /** Maximum EM iterations per start (default 500). */
  readonly maxIterations?: number;
  /** Stop when one iteration raises the log-likelihood by less than this (default 1e-7). */
  readonly tolerance?: number;
  /** Seeded random starts added to the two deterministic ones (default 3). */
  readonly randomStarts?: number;
  /** Seed of the random starts (default 1). */
  readonly seed?: number;
  /** Smallest state variance, as a fraction of the sample variance (default 1e-4). */
  readonly varianceFloor?: number;
}

/** A fitted model with its log-likelihood and EM diagnostics (of the winning start). */
export interface GaussianHmmFit {
  readonly model: GaussianHmm;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Log-likelihood before each M-step of the winning start (non-decreasing up to rounding). */
  readonly logLikelihoodHistory: readonly number[];
}

/**
 * One Baum–Welch iteration: E-step by scaled forward–backward, M-step re-estimating π, A, μ, σ².
 * Returns the new model and the log-likelihood of the model passed in.
 */
export function baumWelchStep(
  model: GaussianHmm,
  observations: ArrayLike<number>,
  minimumVariance = 0,
): { model: GaussianHmm; logLikelihood: number } {
  const states = model.initial.length;
  const steps = observations.length;
  const { logLikelihood, posteriors, forward, backward, scales, emissions } = forwardBackward(
    model,
    observations,
  );
  const transitionCounts = Array.from({ length: states }, () => new Float64Array(states));
  const occupancy = new Float64Array(states);
  for (let t = 0; t + 1 < steps; t++) {
    const scale = scales[t + 1] as number;
    for (let i = 0; i < states; i++) {
      occupancy[i] = (occupancy[i] as number) + (posteriors[t * states + i] as number);
      const alpha = forward[t * states + i] as number;
      const row = model.transition[i] as readonly number[];
      const counts = transitionCounts[i] as Float64Array;
      for (let j = 0; j < states; j++) {
        const xi =
          (alpha *
            (row[j] as number) *
            (emissions[(t + 1) * states + j] as number) *
            (backward[(t + 1) * states + j] as number)) /
          scale;
        counts[j] = (counts[j] as number) + xi;
      }
    }
  }
  const means: number[] = [];
  const variances: number[] = [];
  for (let k = 0; k < states; k++) {
    let weight = 0;
    let sum = 0;
    for (let t = 0; t < steps; t++) {
      const g = posteriors[t * states + k] as number;
      weight += g;
      sum += g * (observations[t] as number);
    }
    const mu = weight > 0 ? sum / weight : (model.means[k] as number);
    let squares = 0;
    for (let t = 0; t < steps; t++)
      squares += (posteriors[t * states + k] as number) * ((observations[t] as number) - mu) ** 2;
    means.push(mu);
    variances.push(Math.max(weight > 0 ? squares / weight : (model.variances[k] as number), minimumVariance));
  }
  const transition = transitionCounts.map((counts, i) => {
    const total = occupancy[i] as number;
    return total > 0 ? Array.from(counts, (c) => c / total) : [...(model.transition[i] as readonly number[])];
  });
  const initial = Array.from({ length: states }, (_, k) => posteriors[k] as number);
  return { model: { initial, transition, means, variances }, logLikelihood };
}

function stickyTransition(states: number, stay: number): number[][] {
  const move = states > 1 ? (1 - stay) / (states - 1) : 0;
  return Array.from({ length: states }, (_, i) =>
    Array.from({ length: states }, (_, j) => (i === j ? (states > 1 ? stay : 1) : move)),
  );
}

/** Deterministic and seeded random starting models. */
function startingModels(
  sorted: Float64Array,
  states: number,
  variance: number,
  randomStarts: number,
  seed: number,
): GaussianHmm[] {
  const overallMean = mean(sorted);
  const uniformInitial = new Array<number>(states).fill(1 / states);
  const starts: GaussianHmm[] = [];
  // Same mean, variances spread geometrically from 1/4 to 4 times the sample variance.
  starts.push({
    initial: uniformInitial,
    transition: stickyTransition(states, 0.95),
    means: new Array<number>(states).fill(overallMean),
    variances: Array.from(
      { length: states },
      (_, k) => variance * 4 ** (states > 1 ? (2 * k) / (states - 1) - 1 : 0),
    ),
  });
  // Quantile start: state k takes the k-th equal-probability slice of the sorted sample.
  const slices = Array.from({ length: states }, (_, k) => {
    const from = Math.floor((k * sorted.length) / states);
    const to = Math.max(from + 1, Math.floor(((k + 1) * sorted.length) / states));
    const slice = sorted.subarray(from, to);
    const m = mean(slice);
    let s = 0;
    for (const x of slice) s += (x - m) ** 2;
    return { mean: m, variance: Math.max(s / slice.length, variance * 1e-2) };
  });
  starts.push({
    initial: uniformInitial,
    transition: stickyTransition(states, 0.9),
    means: slices.map((s) => s.mean),
    variances: slices.map((s) => s.variance),
  });
  const uniform = mulberry32(seed);
  for (let r = 0; r < randomStarts; r++) {
    starts.push({
      initial: uniformInitial,
      transition: stickyTransition(states, 0.8 + 0.19 * uniform()),
      means: Array.from({ length: states }, () => quantileSorted(sorted, 0.1 + 0.8 * uniform())),
      variances: Array.from({ length: states }, () => variance * 0.1 * 40 ** uniform()),
    });
  }
  return starts;
}

/** Re-labels states by ascending variance. */
function orderByVariance(model: GaussianHmm): GaussianHmm {
  const order = model.variances
    .map((v, k) => [v, k] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, k]) => k);
  return {
    initial: order.map((k) => model.initial[k] as number),
    transition: order.map((i) => order.map((j) => (model.transition[i] as readonly number[])[j] as number)),
    means: order.map((k) => model.means[k] as number),
    variances: order.map((k) => model.variances[k] as number),
  };
}

/**
 * Maximum-likelihood Gaussian HMM for a univariate series by Baum–Welch from several starts.
 * Units of means/variances are those of the observations (e.g. daily log returns).
 */
export function fitGaussianHmm(
  observations: ArrayLike<number>,
  options: GaussianHmmFitOptions = {},
): GaussianHmmFit {
  const states = requireInteger('states', options.states ?? 2, 1);
  requireFiniteSeries('observations', observations, 2 * states);
  const maxIterations = requireInteger('maxIterations', options.maxIterations ?? 500, 1);
  const tolerance = requirePositive('tolerance', options.tolerance ?? 1e-7);
  const randomStarts = requireInteger('randomStarts', options.randomStarts ?? 3, 0);
  const seed = requireSeed('seed', options.seed ?? 1);
  const floorFraction = requirePositive('varianceFloor', options.varianceFloor ?? 1e-4);
  const sorted = Float64Array.from(observations).sort();
  const overallMean = mean(sorted);
  let variance = 0;
  for (const x of sorted) variance += (x - overallMean) ** 2;
  variance /= sorted.length;
  if (!(variance > 0)) throw new RangeError('observations must not all be equal');
  const minimumVariance = variance * floorFraction;
  let best: GaussianHmmFit | undefined;
  for (const start of startingModels(sorted, states, variance, randomStarts, seed)) {
    let model = start;
    const history: number[] = [];
    let converged = false;
    let iterations = 0;
    for (; iterations < maxIterations && !converged; iterations++) {
      const step = baumWelchStep(model, observations, minimumVariance);
      const previous = history[history.length - 1];
      history.push(step.logLikelihood);
      if (previous !== undefined && step.logLikelihood - previous < tolerance) converged = true;
      else model = step.model;
    }
    const logLikelihood = forwardBackward(model, observations).logLikelihood;
    if (!best || logLikelihood > best.logLikelihood) {
      best = { model, logLikelihood, iterations, converged, logLikelihoodHistory: history };
    }
  }
  const winner = best as GaussianHmmFit;
  return { ...winner, model: orderByVariance(winner.model) };
}

/** Expected time spent in each state per visit, 1 / (1 − a_kk), in observation steps (∞ if absorbing). */
export function expectedDurations(model: GaussianHmm): number[] {
  return model.transition.map((row, k) => 1 / (1 - (row[k] as number)));
}
