/**
 * An optimiser worker thread: rebuilds the shared bars once, then backtests each combination it is
 * sent (`name=value` strings) and answers with its outcome. Started by `startBacktestPool`.
 */
import { workerData } from 'node:worker_threads';
import type { BacktestPoolInput, BacktestPoolTask } from './backtest-pool.js';
import { type BacktestOutcome, runCombinationBacktest } from './combination-backtest.js';
import { barSeriesFromShared } from './shared-bars.js';
import { serveTasks } from './worker-pool.js';

const input = workerData as BacktestPoolInput;
const series = barSeriesFromShared(input.series);
serveTasks<BacktestPoolTask, BacktestOutcome>((task) => runCombinationBacktest(input.setup, series, task));
