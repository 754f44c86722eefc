/**
 * Bayesian online change-point detection (Adams & MacKay 2007, arXiv:0710.3742, Algorithm 1) with
 * a constant hazard H = 1/λ and a Normal–Gamma conjugate model of unknown mean and precision, whose
 * posterior predictive is a Student-t with 2α degrees of freedom, location μ and scale²
 * β(κ + 1)/(ακ) (Murphy 2007, "Conjugate Bayesian analysis of the Gaussian distribution", eq. 110).
 * Run lengths with posterior probability below a threshold are pruned, so a step costs O(r) for the
 * r surviving run lengths.
 */
import { logGamma } from '../statistics/gamma.js';
import { requireFinite, requireFiniteSeries, requirePositive } from '../statistics/validate.js';

/** Normal–Gamma prior NG(μ₀, κ₀, α₀, β₀) and the algorithm's settings. */
export interface BocpdOptions {
  /** Expected run length λ between changes, in steps (hazard 1/λ); default 250. */
  readonly expectedRunLength?: number;
  /** Prior mean μ₀ (default 0). */
  readonly priorMean?: number;
  /** Prior pseudo-count of the mean κ₀ (default 1). */
  readonly priorMeanStrength?: number;
  /** Prior shape α₀ (default 1). */
  readonly priorShape?: number;
  /** Prior rate β₀ (default 1; set near α₀ × a typical variance of the data). */
  readonly priorRate?: number;
  /** Drop run lengths whose probability falls below this (default 1e-8). */
  readonly pruneBelow?: number;
}

/** The run-length posterior after a step: parallel arrays of run lengths and their probabilities. */
export interface RunLengthDistribution {
  readonly runLengths: readonly number[];
  readonly probabilities: readonly number[];
}

function logSumExp(values: Float64Array, length: number): number {
  let top = -Infinity;
  for (let i = 0; i < length; i++) if ((values[i] as number) > top) top = values[i] as number;
  let sum = 0;
  for (let i = 0; i < length; i++) sum += Math.exp((values[i] as number) - top);
  return top + Math.log(sum);
}

/** Online detector: feed observations one at a time and read the run-length posterior. */
export class BayesianOnlineChangepoint {
  private readonly logHazard: number;
  private readonly logSurvive: number;
  private readonly logPrune: number;
  private readonly priorMean: number;
  private readonly priorMeanStrength: number;
  private readonly priorShape: number;
  private readonly priorRate: number;
  /** ln Γ(α + 1/2) − ln Γ(α) for α = α₀ + r/2, cached by run length r. */
  private readonly logGammaRatios: number[] = [];
  // Surviving hypotheses, one entry per run length r (κ = κ₀ + r and α = α₀ + r/2 follow from r).
  private runLengths = new Int32Array(1);
  private logProbabilities = new Float64Array(1);
  private means: Float64Array;
  private rates: Float64Array;
  private count = 1;

  constructor(options: BocpdOptions = {}) {
    const expectedRunLength = requirePositive('expectedRunLength', options.expectedRunLength ?? 250);
    if (expectedRunLength <= 1)
      throw new RangeError(`expectedRunLength must be > 1, got ${expectedRunLength}`);
    this.logHazard = Math.log(1 / expectedRunLength);
    this.logSurvive = Math.log1p(-1 / expectedRunLength);
    this.priorMean = requireFinite('priorMean', options.priorMean ?? 0);
    this.priorMeanStrength = requirePositive('priorMeanStrength', options.priorMeanStrength ?? 1);
    this.priorShape = requirePositive('priorShape', options.priorShape ?? 1);
    this.priorRate = requirePositive('priorRate', options.priorRate ?? 1);
    this.logPrune = Math.log(requirePositive('pruneBelow', options.pruneBelow ?? 1e-8));
    this.means = Float64Array.of(this.priorMean);
    this.rates = Float64Array.of(this.priorRate);
  }

  private logGammaRatio(runLength: number): number {
    let value = this.logGammaRatios[runLength];
    if (value === undefined) {
      const shape = this.priorShape + runLength / 2;
      value = logGamma(shape + 0.5) - logGamma(shape);
      this.logGammaRatios[runLength] = value;
    }
    return value;
  }

  /**
   * Incorporates one observation (Adams & MacKay Algorithm 1, steps 3–8); returns the most
   * probable run length afterwards (read the whole posterior with {@link distribution}).
   */
  update(value: number): number {
    requireFinite('value', value);
    const n = this.count;
    const nextRuns = new Int32Array(n + 1);
    const nextLogs = new Float64Array(n + 1);
    const nextMeans = new Float64Array(n + 1);
    const nextRates = new Float64Array(n + 1);
    let top = -Infinity;
    for (let i = 0; i < n; i++) {
      const r = this.runLengths[i] as number;
      const meanStrength = this.priorMeanStrength + r;
      const shape = this.priorShape + r / 2;
      const mean = this.means[i] as number;
      const rate = this.rates[i] as number;
      // Student-t predictive: 2α dof, location μ, scale² = β(κ + 1)/(ακ) (Murphy 2007, eq. 110).
      const dofScale2 = (2 * rate * (meanStrength + 1)) / meanStrength;
      const logPredictive =
        this.logGammaRatio(r) -
        0.5 * Math.log(Math.PI * dofScale2) -
        (shape + 0.5) * Math.log1p((value - mean) ** 2 / dofScale2);
      const growth = (this.logProbabilities[i] as number) + logPredictive;
      nextRuns[i + 1] = r + 1;
      nextLogs[i + 1] = growth + this.logSurvive;
      // Normal–Gamma posterior after one more observation (Murphy 2007, eqs. 86–89).
      nextMeans[i + 1] = (meanStrength * mean + value) / (meanStrength + 1);
      nextRates[i + 1] = rate + (meanStrength * (value - mean) ** 2) / (2 * (meanStrength + 1));
      if (growth > top) top = growth;
    }
    let changeSum = 0;
    for (let i = 0; i < n; i++) changeSum += Math.exp((nextLogs[i + 1] as number) - this.logSurvive - top);
    nextRuns[0] = 0;
    nextLogs[0] = top + Math.log(changeSum) + this.logHazard;
    nextMeans[0] = this.priorMean;
    nextRates[0] = this.priorRate;
    const evidence = logSumExp(nextLogs, n + 1);
    // Normalise, prune, renormalise.
    let kept = 0;
    for (let i = 0; i <= n; i++) {
      const logProbability = (nextLogs[i] as number) - evidence;
      if (logProbability < this.logPrune) continue;
      nextRuns[kept] = nextRuns[i] as number;
      nextLogs[kept] = logProbability;
      nextMeans[kept] = nextMeans[i] as number;
      nextRates[kept] = nextRates[i] as number;
      kept++;
    }
    if (kept === 0) throw new RangeError(`pruneBelow removed every run length at value ${value}`);
    const keptMass = logSumExp(nextLogs, kept);
    for (let i = 0; i < kept; i++) nextLogs[i] = (nextLogs[i] as number) - keptMass;
    this.runLengths = nextRuns;
    this.logProbabilities = nextLogs;
    this.means = nextMeans;
    this.rates = nextRates;
    this.count = kept;
    return this.mostProbableRunLength();
  }

  /** The current run-length posterior (probabilities sum to 1). */
  distribution(): RunLengthDistribution {
    return {
      runLengths: Array.from(this.runLengths.subarray(0, this.count)),
      probabilities: Array.from(this.logProbabilities.subarray(0, this.count), (l) => Math.exp(l)),
    };
  }

  /** The most probable current run length. */
  mostProbableRunLength(): number {
    let best = 0;
    for (let i = 1; i < this.count; i++) {
      if ((this.logProbabilities[i] as number) > (this.logProbabilities[best] as number)) best = i;
    }
    return this.runLengths[best] as number;
  }
}

/** Batch result: the MAP run length after each step and the change points it implies. */
export interface BocpdResult {
  /** runLength[t] = most probable run length after observing x_t (0 … t + 1). */
  readonly runLength: Int32Array;
  /** Indices where a new segment starts (ascending, excluding 0). */
  readonly changePoints: number[];
}

/**
 * Runs the detector over a series. Change points come from back-tracking the MAP run lengths:
 * from the last step t, the current segment started at t + 1 − r_t; repeat from the step before.
 * Segments shorter than `minSegment` steps (default 5) are merged into the preceding one.
 */
export function detectChangepoints(
  values: ArrayLike<number>,
  options: BocpdOptions & { readonly minSegment?: number } = {},
): BocpdResult {
  requireFiniteSeries('values', values, 1);
  const minSegment = options.minSegment ?? 5;
  const detector = new BayesianOnlineChangepoint(options);
  const runLength = new Int32Array(values.length);
  for (let t = 0; t < values.length; t++) {
    runLength[t] = detector.update(values[t] as number);
  }
  const starts: number[] = [];
  let t = values.length - 1;
  while (t >= 0) {
    const start = Math.max(0, t + 1 - (runLength[t] as number));
    if (start > 0) starts.push(start);
    t = start - 1;
  }
  starts.reverse();
  const changePoints: number[] = [];
  for (const start of starts) {
    const previous = changePoints[changePoints.length - 1] ?? 0;
    if (start - previous >= minSegment) changePoints.push(start);
  }
  return { runLength, changePoints };
}
