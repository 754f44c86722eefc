/**
 * What `bourse optimize` and `bourse walkforward` prepare before the first backtest: the config and
 * venue models from the backtest flags (checked once, so a bad value stops the run here), the bars
 * read once from `--data`, the backtest setup every worker receives, and the definition hash that
 * names the results file (everything that decides a result except the parameters).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadFileSeries } from '../backtest/run-file.js';
import { venueModels } from '../backtest/venue-models.js';
import type { BourseConfig } from '../core/config-schema.js';
import type { BarSeries } from '../data/load-bars.js';
import type { BacktestSetup } from '../research/combination-backtest.js';
import { definitionHash } from '../research/index.js';
import {
  type BacktestRunFlags,
  backtestConfig,
  fileDataOptions,
  venueModelChoice,
  volumeParticipation,
} from './backtest-options.js';

export interface OptimizationData {
  readonly config: BourseConfig;
  readonly series: BarSeries;
  readonly setup: BacktestSetup;
  /** SHA-256 (hex) of the canonical definition: data, strategy, accounting, venue models. */
  readonly hash: string;
}

/** Reads the flags and the `--data` file; `verb` says what is done to the series in the notice. */
export function prepareOptimization(
  flags: BacktestRunFlags & { data: string },
  verb: string,
): OptimizationData {
  const config = backtestConfig(flags);
  const models = venueModelChoice(flags);
  venueModels(models);
  const participation = volumeParticipation(flags);
  const dataOptions = fileDataOptions(flags);
  const { series, availableSeries } = loadFileSeries({ file: flags.data, ...dataOptions });
  if (availableSeries.length > 1 && flags.series === undefined) {
    process.stderr.write(
      `${flags.data} holds ${availableSeries.length} series; ${verb} ${series.instrument.id} (most bars). Choose with --series.\n`,
    );
  }
  const setup: BacktestSetup = {
    strategy: flags.strategy,
    config,
    venueModels: models,
    volumeParticipation: participation,
    dataName: flags.data,
  };
  const hash = definitionHash({
    format: 'bourse-optimize/1',
    data: { name: basename(flags.data), sha256: fileSha256(flags.data), ...dataOptions },
    strategy: flags.strategy,
    backtest: config.backtest,
    risk: config.risk,
    venueModels: models,
    volumeParticipation: participation ?? null,
  });
  return { config, series, setup, hash };
}

function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
