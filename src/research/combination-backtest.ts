/**
 * One backtest of one parameter combination, through the same code as `bourse backtest --data`
 * (`strategyFrom` + `runSeriesBacktest`, after the file is loaded): what each optimiser worker runs.
 */
import type { BacktestResult } from '../backtest/result.js';
import type { Statistics } from '../backtest/result-types.js';
import { runSeriesBacktest, strategyFrom } from '../backtest/run-file.js';
import { dailyEquity } from '../backtest/statistics.js';
import { type VenueModelChoice, venueModels } from '../backtest/venue-models.js';
import type { BourseConfig } from '../core/config-schema.js';
import type { BarSeriesData } from './shared-bars.js';

/** Everything but the parameters and the bars that decides a backtest's result (plain data). */
export interface BacktestSetup {
  readonly strategy: string;
  readonly config: BourseConfig;
  readonly venueModels: VenueModelChoice;
  readonly volumeParticipation?: number;
  /** How the data is named in errors (the `--data` path). */
  readonly dataName: string;
}

/**
 * One combination to backtest: its `name=value` strings, optionally on the bars `[from, to)` of the
 * series only (a walk-forward window), optionally with its daily returns (overfitting diagnostics).
 */
export interface CombinationTask {
  readonly params: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly dailyReturns?: boolean;
}

/**
 * What a combination's backtest gave: the fields `bourse backtest --json` prints as `parameters`
 * (here `params`: the strategy's parameters with its defaults), `finalValue` and `statistics`, as
 * they read back from JSON (a non-finite number becomes null, as in the CLI's output).
 */
export interface BacktestOutcome {
  readonly params: Record<string, unknown>;
  readonly finalValue: number;
  readonly statistics: Statistics;
  /** With `CombinationTask.dailyReturns`: the UTC day index and simple return of each day. */
  readonly daily?: { readonly days: readonly number[]; readonly returns: readonly (number | null)[] };
}

/** Runs the backtest of a combination (`name=value` strings, or a task) over `series`. */
export function runCombinationBacktest(
  setup: BacktestSetup,
  series: BarSeriesData,
  task: readonly string[] | CombinationTask,
): BacktestOutcome {
  const { params, from, to, dailyReturns } = isTask(task) ? task : { params: task };
  const { result, params: strategyParams } = runSetupBacktest(setup, series, params, { from, to });
  const daily = dailyReturns ? dailyEquity(result.equity, result.startingCash) : undefined;
  const outcome = {
    params: strategyParams,
    finalValue: result.finalValue,
    statistics: result.statistics,
    ...(daily && { daily: { days: daily.days, returns: daily.returns } }),
  };
  return JSON.parse(JSON.stringify(outcome)) as BacktestOutcome;
}

/** The whole result of `params` on the bars `[from, to)` of `series` (all of them by default). */
export function runSetupBacktest(
  setup: BacktestSetup,
  series: BarSeriesData,
  params: readonly string[],
  range: { readonly from?: number; readonly to?: number } = {},
): { result: BacktestResult; params: Record<string, unknown> } {
  const options = {
    strategy: setup.strategy,
    params,
    config: setup.config,
    ...venueModels(setup.venueModels),
    volumeParticipation: setup.volumeParticipation,
  };
  const strategy = strategyFrom(options);
  const whole = range.from === undefined && range.to === undefined;
  const bars = whole ? series : { ...series, bars: series.bars.slice(range.from, range.to) };
  return { result: runSeriesBacktest(options, bars, strategy, setup.dataName), params: strategy.params };
}

function isTask(task: readonly string[] | CombinationTask): task is CombinationTask {
  return !Array.isArray(task);
}

/** The strategy parameters as `name=value` strings (what `--param` takes). */
export function paramStrings(params: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(params).map(([name, value]) => `${name}=${String(value)}`);
}
