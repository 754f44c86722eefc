/**
 * The thread of one optimisation job (started by `startOptimizationRun`): what `bourse optimize`
 * does, off the server's event loop — reads the data set's file once, shares its bars with a pool
 * of backtest workers, walks the search with `optimize()` — posting progress and each result as
 * it comes, then the best results ranked, or the error. Terminating it stops its pool too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadFileSeries } from '../backtest/run-file.js';
import {
  type CombinationResult,
  optimize,
  rankByFitness,
  shareBarSeries,
  startBacktestPool,
} from '../research/index.js';
import { errorMessage } from './backtest-options.js';
import { type CheckedOptimization, MAX_KEPT_RESULTS } from './optimization-request.js';

/** What the worker posts: progress and results any number of times, then `done` or `error`. */
export type OptimizationWorkerMessage =
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'result'; readonly result: CombinationResult }
  | { readonly type: 'done'; readonly best: readonly CombinationResult[]; readonly refused: number }
  | { readonly type: 'error'; readonly message: string };

async function run(port: NonNullable<typeof parentPort>, job: CheckedOptimization): Promise<void> {
  const post = (message: OptimizationWorkerMessage) => port.postMessage(message);
  try {
    const { dataset } = job;
    const { series } = loadFileSeries({
      file: dataset.path,
      series: dataset.series,
      continuous: dataset.continuous,
      csv: { ...dataset.csv },
      instrument: { ...dataset.instrument },
    });
    // The setup of the CLI's `backtest --data data/<file>` with the data set's flags (no venue flags).
    const setup = {
      strategy: job.request.strategy,
      config: job.config,
      venueModels: {},
      dataName: `data/${dataset.file}`,
    };
    const workers = Math.max(1, Math.min(job.workers, job.total));
    const pool = startBacktestPool(workers, { series: shareBarSeries(series), setup });
    try {
      const report = await optimize({
        space: job.space,
        search: job.search,
        objective: job.objective,
        constraints: job.constraints,
        strategy: job.request.strategy,
        backtest: (params) => pool.run(params),
        results: { get: () => undefined, append: (_key, result) => post({ type: 'result', result }) },
        onProgress: (done) => post({ type: 'progress', done }),
      });
      const best = rankByFitness(report.results).slice(0, MAX_KEPT_RESULTS);
      post({ type: 'done', best, refused: report.refused.length });
    } finally {
      await pool.close();
    }
  } catch (error) {
    post({ type: 'error', message: errorMessage(error) });
  }
}

if (parentPort !== null) void run(parentPort, workerData as CheckedOptimization);
