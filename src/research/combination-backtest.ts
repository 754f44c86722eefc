/**
 * One backtest of one parameter combination, through the same code as `bourse backtest --data`
 * (`strategyFrom` + `runSeriesBacktest`, after the file is loaded): what each optimiser worker runs.
 */
import type { Statistics } from '../backtest/result-types.js';
import { runSeriesBacktest, strategyFrom } from '../backtest/run-file.js';
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
 * What a combination's backtest gave: the fields `bourse backtest --json` prints as `parameters`
 * (here `params`: the strategy's parameters with its defaults), `finalValue` and `statistics`, as
 * they read back from JSON (a non-finite number becomes null, as in the CLI's output).
 */
export interface BacktestOutcome {
  readonly params: Record<string, unknown>;
  readonly finalValue: number;
  readonly statistics: Statistics;
}

/** Runs the backtest of `params` (`name=value` strings) over `series`. */
export function runCombinationBacktest(
  setup: BacktestSetup,
  series: BarSeriesData,
  params: readonly string[],
): BacktestOutcome {
  const options = {
    strategy: setup.strategy,
    params,
    config: setup.config,
    ...venueModels(setup.venueModels),
    volumeParticipation: setup.volumeParticipation,
  };
  const strategy = strategyFrom(options);
  const result = runSeriesBacktest(options, series, strategy, setup.dataName);
  const outcome = { params: strategy.params, finalValue: result.finalValue, statistics: result.statistics };
  return JSON.parse(JSON.stringify(outcome)) as BacktestOutcome;
}
