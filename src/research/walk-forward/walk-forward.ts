/**
 * Walk-forward analysis: for each window, optimise on the in-sample bars only, then run the best
 * combination on the out-of-sample bars (after a warm-up on the bars before them), and chain the
 * out-of-sample parts into one equity curve. The in-sample optimisations of all windows go to the
 * backtest function at once (a worker pool spreads them); each window's out-of-sample run starts
 * as soon as its optimisation ends.
 */
import type { BacktestResult } from '../../backtest/result.js';
import { BourseError } from '../../core/errors.js';
import { type BacktestOutcome, type CombinationTask, paramStrings } from '../combination-backtest.js';
import { type Constraints, type Objective, rankByFitness } from '../objective.js';
import { memoryResults, optimize } from '../optimizer.js';
import type { CombinationResult } from '../results-file.js';
import type { SearchChoice } from '../search.js';
import type { ParameterSpace } from '../space.js';
import { type ParameterStability, parameterStability, walkForwardEfficiency } from './stability.js';
import {
  type OutOfSampleSegment,
  outOfSampleSegment,
  type StitchedResult,
  stitchSegments,
} from './stitch.js';
import type { BarRange, WalkForwardWindow } from './windows.js';

export interface WalkForwardOptions {
  readonly windows: readonly WalkForwardWindow[];
  readonly space: ParameterSpace;
  readonly search: SearchChoice;
  readonly objective: Objective;
  readonly constraints: Constraints;
  readonly strategy: string;
  /** Bar times of the series the windows index (`tsEvent`). */
  readonly times: ArrayLike<number>;
  /** The account's starting cash: where the stitched curve starts. */
  readonly startingCash: number;
  /** Bars run before each out-of-sample window (they end where it starts; never after). */
  readonly warmup: number;
  /** Backtests one combination on bars `[from, to)`: the in-sample optimisation. */
  readonly backtest: (task: CombinationTask) => Promise<BacktestOutcome>;
  /** The full run of the chosen parameters on bars `[from, to)`: warm-up and out of sample. */
  readonly runOutOfSample: (params: readonly string[], bars: BarRange) => BacktestResult;
  /** Backtests done of those planned (in-sample combinations and out-of-sample runs). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The first and last bar time of a range, and its bar count. */
export interface TimeSpan {
  readonly first: number;
  readonly last: number;
  readonly bars: number;
}

export interface WindowOutcome {
  readonly window: WalkForwardWindow;
  readonly inSampleSpan: TimeSpan;
  readonly outOfSampleSpan: TimeSpan;
  /** The combination the in-sample optimisation ranked first. */
  readonly chosen: CombinationResult;
  /** Combinations backtested in sample. */
  readonly combinations: number;
  /** The bars the out-of-sample run started on (`warmup` before the window, at most). */
  readonly runFrom: number;
  readonly outOfSample: OutOfSampleSegment;
  readonly efficiency: number | null;
}

export interface WalkForwardReport {
  readonly windows: readonly WindowOutcome[];
  readonly stitched: StitchedResult;
  /** Stitched out-of-sample annualised return over the mean in-sample one of the chosen combinations. */
  readonly efficiency: number | null;
  readonly stability: readonly ParameterStability[];
}

export async function walkForward(options: WalkForwardOptions): Promise<WalkForwardReport> {
  if (!(Number.isInteger(options.warmup) && options.warmup >= 0))
    throw new RangeError(`warmup must be a whole number of bars >= 0, got ${options.warmup}`);
  const progress = aggregateProgress(options);
  const outcomes = await Promise.all(options.windows.map((window) => runWindow(options, window, progress)));
  const stitched = stitchSegments(
    outcomes.map((o) => o.outOfSample),
    options.startingCash,
  );
  const inSampleReturns = outcomes.map((o) => o.chosen.statistics.annualizedReturn);
  const meanInSample = inSampleReturns.every((r) => r !== null)
    ? (inSampleReturns as number[]).reduce((sum, r) => sum + r, 0) / inSampleReturns.length
    : null;
  return {
    windows: outcomes,
    stitched,
    efficiency: walkForwardEfficiency(stitched.statistics.annualizedReturn, meanInSample),
    stability: parameterStability(
      options.space.axes,
      outcomes.map((o) => o.chosen.params),
    ),
  };
}

async function runWindow(
  options: WalkForwardOptions,
  window: WalkForwardWindow,
  progress: Progress,
): Promise<WindowOutcome> {
  const { from, to } = window.inSample;
  const report = await optimize({
    space: options.space,
    search: options.search,
    objective: options.objective,
    constraints: options.constraints,
    strategy: options.strategy,
    backtest: (params) => options.backtest({ params, from, to }),
    results: memoryResults(),
    onProgress: (done, total) => progress.window(window.index, done, total),
  });
  const chosen = rankByFitness(report.results)[0];
  if (chosen === undefined)
    throw new BourseError(
      'CLI_INVALID',
      `walk-forward window ${window.index + 1}: the strategy refused every combination (${report.refused[0]?.reason ?? 'no combination'})`,
    );
  const runFrom = Math.max(0, window.outOfSample.from - options.warmup);
  const result = options.runOutOfSample(paramStrings(chosen.params), {
    from: runFrom,
    to: window.outOfSample.to,
  });
  progress.outOfSampleDone();
  const start = options.times[window.outOfSample.from];
  const outOfSample = outOfSampleSegment(result, start);
  const span = ({ from, to }: BarRange): TimeSpan => ({
    first: options.times[from],
    last: options.times[to - 1],
    bars: to - from,
  });
  return {
    window,
    inSampleSpan: span(window.inSample),
    outOfSampleSpan: span(window.outOfSample),
    chosen,
    combinations: report.results.length,
    runFrom,
    outOfSample,
    efficiency: walkForwardEfficiency(
      outOfSample.statistics.annualizedReturn,
      chosen.statistics.annualizedReturn,
    ),
  };
}

interface Progress {
  window(index: number, done: number, total: number): void;
  outOfSampleDone(): void;
}

/** One running count over the windows' optimisations plus one out-of-sample run per window. */
function aggregateProgress(options: WalkForwardOptions): Progress {
  const done = new Array<number>(options.windows.length).fill(0);
  const totals = new Array<number>(options.windows.length).fill(0);
  let outOfSample = 0;
  const report = () => {
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    options.onProgress?.(sum(done) + outOfSample, sum(totals) + options.windows.length);
  };
  return {
    window(index, d, total) {
      done[index] = d;
      totals[index] = total;
      report();
    },
    outOfSampleDone() {
      outOfSample++;
      report();
    },
  };
}
