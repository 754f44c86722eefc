/** Shared by the report tests: real runs over the bundled data, and synthetic optimisation results. */
import { type FileBacktestRun, runFileBacktest } from '../../src/backtest/run-file.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import type { CombinationResult } from '../../src/research/results-file.js';
import { statisticsWith } from '../support/statistics.js';

/** A real sma-cross run (default: the published reference run, 256 daily bars, 11 trades). */
export function smaRun(
  params: readonly string[] = ['fast=1', 'slow=15'],
  file = 'data/2006-day-001.txt',
  cash = 10_000,
): FileBacktestRun {
  const config = loadBourseConfig({ overrides: { 'backtest.startingCash': cash } });
  return runFileBacktest({ file, strategy: 'sma-cross', params, config });
}

/** One optimisation result line. */
export function combination(
  params: Record<string, unknown>,
  objective: number | null,
  constraintsMet = true,
): CombinationResult {
  return {
    params,
    finalValue: 100_000,
    statistics: statisticsWith({ sharpe: objective }),
    objective,
    constraintsMet,
  };
}
