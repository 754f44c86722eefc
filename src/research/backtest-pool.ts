/**
 * The optimiser's worker threads: each is started once with the bars in a shared buffer and the
 * backtest setup, and runs combination after combination (`optimize-worker`).
 */
import { workerEntry } from '../core/worker-entry.js';
import type { BacktestOutcome, BacktestSetup } from './combination-backtest.js';
import type { SharedBarSeries } from './shared-bars.js';
import { WorkerPool } from './worker-pool.js';

/** What every optimiser worker starts with (`workerData`). */
export interface BacktestPoolInput {
  readonly series: SharedBarSeries;
  readonly setup: BacktestSetup;
}

/** A pool of `workers` threads backtesting combinations (`name=value` strings) of `setup` on `series`. */
export function startBacktestPool(
  workers: number,
  input: BacktestPoolInput,
): WorkerPool<readonly string[], BacktestOutcome> {
  return new WorkerPool({
    entry: workerEntry(import.meta.url, 'optimize-worker'),
    size: workers,
    workerData: input,
  });
}
