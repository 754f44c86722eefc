/**
 * Inference in a Gaussian hidden Markov model with univariate emissions: scaled forward–backward
 * (log-likelihood and posterior state probabilities) and Viterbi decoding in log space.
 * Rabiner (1989), "A tutorial on hidden Markov models…", Proc. IEEE 77(2): eqs. 18–27 (forward,
 * backward), 91–92 (scaling), 30–35 (Viterbi).
 */
import { requireFiniteSeries } from '../statistics/validate.js';

/** A K-state Gaussian HMM: initial distribution π, transition matrix A (rows sum to 1), N(μ_k, σ²_k) emissions. */
export interface GaussianHmm {
  readonly initial: readonly number[];
  /** transition[i][j] = P(state j at t + 1 | state i at t). */
  readonly transition: readonly (readonly number[])[];
  readonly means: readonly number[];
  readonly variances: readonly number[];
}

/** Scaled forward–backward output: log-likelihood and γ_t(k) = P(state k at t | all observations). */
export interface ForwardBackwardResult {
  readonly logLikelihood: number;
  /** Row-major T × K posteriors; row t sums to 1. */
  readonly posteriors: Float64Array;
  /** Row-major T × K scaled forward variables α̂ (internal, for Baum–Welch). */
  readonly forward: Float64Array;
  /** Row-major T × K scaled backward variables β̂ (internal, for Baum–Welch). */
  readonly backward: Float64Array;
  /** Per-step scaling factors c_t (Σ_k α_t(k) before normalising). */
  readonly scales: Float64Array;
  /** Row-major T × K emission densities b_k(x_t). */
  readonly emissions: Float64Array;
}

const LOG_TWO_PI = Math.log(2 * Math.PI);

/** Checks shapes and values of a model: π and rows of A are distributions, variances > 0. */
export function checkGaussianHmm(model: GaussianHmm): number {
  const states = model.initial.length;
  if (states < 1) throw new RangeError('model.initial must hold at least one state');
  const distribution = (name: string, row: readonly number[]) => {
    if (row.length !== states) throw new RangeError(`${name} must have ${states} entries, got ${row.length}`);
    let sum = 0;
    for (const p of row) {
      if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must hold probabilities in [0, 1], got ${p}`);
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`${name} must sum to 1, got ${sum}`);
  };
  distribution('model.initial', model.initial);
  if (model.transition.length !== states) {
    throw new RangeError(`model.transition must have ${states} rows, got ${model.transition.length}`);
  }
  for (let i = 0; i < states; i++)
    distribution(`model.transition[${i}]`, model.transition[i] as readonly number[]);
  requireFiniteSeries('model.means', model.means, states);
  requireFiniteSeries('model.variances', model.variances, states);
  for (const v of model.variances) {
    if (!(v > 0)) throw new RangeError(`model.variances must be > 0, got ${v}`);
  }
  return states;
}

/** Log of the N(mean, variance) density at x. */
export function logNormalDensity(x: number, mean: number, variance: number): number {
  const z = x - mean;
  return -0.5 * (LOG_TWO_PI + Math.log(variance) + (z * z) / variance);
}

/**
 * Scaled forward–backward pass (Rabiner 1989, §V.A). Emission densities are computed relative to
 * each step's largest log-density, so extreme observations never underflow.
 */
export function forwardBackward(model: GaussianHmm, observations: ArrayLike<number>): ForwardBackwardResult {
  const states = checkGaussianHmm(model);
  requireFiniteSeries('observations', observations, 1);
  const steps = observations.length;
  const emissions = new Float64Array(steps * states);
  let logOffset = 0;
  const logDensities = new Float64Array(states);
  for (let t = 0; t < steps; t++) {
    let top = -Infinity;
    for (let k = 0; k < states; k++) {
      const value = logNormalDensity(
        observations[t] as number,
        model.means[k] as number,
        model.variances[k] as number,
      );
      logDensities[k] = value;
      if (value > top) top = value;
    }
    logOffset += top;
    for (let k = 0; k < states; k++) emissions[t * states + k] = Math.exp((logDensities[k] as number) - top);
  }
  const forward = new Float64Array(steps * states);
  const scales = new Float64Array(steps);
  let logLikelihood = logOffset;
  for (let t = 0; t < steps; t++) {
    let sum = 0;
    for (let j = 0; j < states; j++) {
      let incoming = 0;
      if (t === 0) incoming = model.initial[j] as number;
      else {
        for (let i = 0; i < states; i++) {
          incoming +=
            (forward[(t - 1) * states + i] as number) *
            ((model.transition[i] as readonly number[])[j] as number);
        }
      }
      const value = incoming * (emissions[t * states + j] as number);
      forward[t * states + j] = value;
      sum += value;
    }
    if (!(sum > 0)) throw new RangeError(`observations[${t}] has zero probability under the model`);
    scales[t] = sum;
    logLikelihood += Math.log(sum);
    for (let j = 0; j < states; j++) forward[t * states + j] = (forward[t * states + j] as number) / sum;
  }
  const backward = new Float64Array(steps * states);
  for (let k = 0; k < states; k++) backward[(steps - 1) * states + k] = 1;
  for (let t = steps - 2; t >= 0; t--) {
    for (let i = 0; i < states; i++) {
      let sum = 0;
      const row = model.transition[i] as readonly number[];
      for (let j = 0; j < states; j++) {
        sum +=
          (row[j] as number) *
          (emissions[(t + 1) * states + j] as number) *
          (backward[(t + 1) * states + j] as number);
      }
      backward[t * states + i] = sum / (scales[t + 1] as number);
    }
  }
  const posteriors = new Float64Array(steps * states);
  for (let t = 0; t < steps; t++) {
    let sum = 0;
    for (let k = 0; k < states; k++) {
      const value = (forward[t * states + k] as number) * (backward[t * states + k] as number);
      posteriors[t * states + k] = value;
      sum += value;
    }
    for (let k = 0; k < states; k++)
      posteriors[t * states + k] = (posteriors[t * states + k] as number) / sum;
  }
  return { logLikelihood, posteriors, forward, backward, scales, emissions };
}

/** Log-likelihood ln P(x₁…x_T | model) by the scaled forward pass. */
export function hmmLogLikelihood(model: GaussianHmm, observations: ArrayLike<number>): number {
  return forwardBackward(model, observations).logLikelihood;
}

/** The most likely state path and its joint log-probability ln P(path, observations). */
export interface ViterbiResult {
  readonly path: Int32Array;
  readonly logProbability: number;
}

/** Viterbi decoding in log space (Rabiner 1989, eqs. 32–35): the single most likely state sequence. */
export function viterbi(model: GaussianHmm, observations: ArrayLike<number>): ViterbiResult {
  const states = checkGaussianHmm(model);
  requireFiniteSeries('observations', observations, 1);
  const steps = observations.length;
  const logTransition = model.transition.map((row) => row.map((p) => Math.log(p)));
  const back = new Int32Array(steps * states);
  let delta = new Float64Array(states);
  let next = new Float64Array(states);
  const emit = (t: number, k: number) =>
    logNormalDensity(observations[t] as number, model.means[k] as number, model.variances[k] as number);
  for (let k = 0; k < states; k++) delta[k] = Math.log(model.initial[k] as number) + emit(0, k);
  for (let t = 1; t < steps; t++) {
    for (let j = 0; j < states; j++) {
      let best = -Infinity;
      let argBest = 0;
      for (let i = 0; i < states; i++) {
        const value = (delta[i] as number) + ((logTransition[i] as number[])[j] as number);
        if (value > best) {
          best = value;
          argBest = i;
        }
      }
      next[j] = best + emit(t, j);
      back[t * states + j] = argBest;
    }
    [delta, next] = [next, delta];
  }
  let last = 0;
  for (let k = 1; k < states; k++) if ((delta[k] as number) > (delta[last] as number)) last = k;
  const path = new Int32Array(steps);
  path[steps - 1] = last;
  for (let t = steps - 1; t > 0; t--) path[t - 1] = back[t * states + (path[t] as number)] as number;
  return { path, logProbability: delta[last] as number };
}
