/**
 * The optimiser's worker threads: each is started once with the bars in a shared buffer and the
 * backtest setup, and runs combination after combination (`optimize-worker`).
 */
import { workerEntry } from '../core/worker-entry.js';
import type { BacktestOutcome, BacktestSetup, CombinationTask } from './combination-backtest.js';
import type { SharedBarSeries } from './shared-bars.js';
import { WorkerPool } from './worker-pool.js';

/** What every optimiser worker starts with (`workerData`). */
export interface BacktestPoolInput {
  readonly series: SharedBarSeries;
  readonly setup: BacktestSetup;
}

/** A task of the pool: a combination's `name=value` strings, or a task with a bar range. */
export type BacktestPoolTask = readonly string[] | CombinationTask;

/** A pool of `workers` threads backtesting combinations (`name=value` strings) of `setup` on `series`. */
export function startBacktestPool(
  workers: number,
  input: BacktestPoolInput,
): WorkerPool<BacktestPoolTask, BacktestOutcome> {
  return new WorkerPool({
    entry: workerEntry(import.meta.url, 'optimize-worker'),
    size: workers,
    workerData: input,
  });
}
