/**
 * The worker thread of one dashboard backtest (started by BacktestJobs): runs the CLI's file
 * backtest (`runFileBacktest`, as `bourse backtest --data …` does) on a bundled data set, posts
 * throttled progress, then the result view and the tearsheet HTML, or the error. The server's
 * event loop never waits for the backtest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ContinuousChoice } from '../backtest/continuous-series.js';
import { runFileBacktest } from '../backtest/run-file.js';
import type { BourseConfig } from '../core/config-schema.js';
import type { CsvImportOptions } from '../data/csv/index.js';
import type { InstrumentOptions } from '../data/load-bars.js';
import type { BacktestResultView } from './api-types.js';
import { errorMessage } from './backtest-options.js';
import { backtestResultView, tearsheetHtml } from './backtest-views.js';

/** What the worker is started with (`workerData`). */
export interface BacktestWorkerInput {
  readonly jobId: string;
  /** Absolute path of the data file. */
  readonly file: string;
  /** How the data is named in the tearsheet (`data/<file>`, as the CLI's `--data`). */
  readonly dataLabel: string;
  readonly strategy: string;
  readonly params: readonly string[];
  readonly config: BourseConfig;
  readonly series?: string;
  readonly continuous?: ContinuousChoice;
  readonly csv?: CsvImportOptions;
  readonly instrument?: InstrumentOptions;
}

/** What the worker posts: progress (0..1) any number of times, then one result or one error. */
export type BacktestWorkerMessage =
  | { readonly type: 'progress'; readonly progress: number }
  | {
      readonly type: 'result';
      readonly result: BacktestResultView;
      readonly tearsheet: string;
      readonly instrument: string;
      readonly elapsedMs: number;
    }
  | { readonly type: 'error'; readonly code?: string; readonly message: string };

/** Progress is posted at most every this many milliseconds, or when it moved by at least 1 %. */
const PROGRESS_INTERVAL_MS = 100;
const PROGRESS_STEP = 0.01;

function run(port: NonNullable<typeof parentPort>, input: BacktestWorkerInput): void {
  const post = (message: BacktestWorkerMessage) => port.postMessage(message);
  let lastProgress = 0;
  let lastPosted = 0;
  const onProgress = (done: number, total: number): void => {
    const progress = total > 0 ? Math.min(1, done / total) : 0;
    const now = performance.now();
    if (progress - lastProgress < PROGRESS_STEP && now - lastPosted < PROGRESS_INTERVAL_MS) return;
    lastProgress = progress;
    lastPosted = now;
    post({ type: 'progress', progress });
  };
  try {
    const started = performance.now();
    // The options of the CLI's `backtest --data <file>` with the data set's flags (no venue flags).
    const fileRun = runFileBacktest({
      strategy: input.strategy,
      params: input.params,
      config: input.config,
      onProgress,
      // Bundled data sets hold thousands of bars, not millions: report often enough to move a bar.
      progressEvery: 64,
      file: input.file,
      series: input.series,
      continuous: input.continuous,
      csv: { ...input.csv },
      instrument: { ...input.instrument },
    });
    const tearsheet = tearsheetHtml(fileRun, { strategy: input.strategy, data: input.dataLabel });
    post({
      type: 'result',
      result: backtestResultView(input.jobId, fileRun.result),
      tearsheet,
      instrument: fileRun.series.instrument.id,
      elapsedMs: performance.now() - started,
    });
  } catch (error) {
    const code =
      error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    post({ type: 'error', code, message: errorMessage(error) });
  }
}

if (parentPort !== null) run(parentPort, workerData as BacktestWorkerInput);
