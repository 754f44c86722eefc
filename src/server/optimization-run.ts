/**
 * Running one optimisation job in its own thread (optimization-worker.ts): the server's event loop
 * only gets its messages. Stopping the run terminates the thread, and with it its backtest workers.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../core/worker-entry.js';
import type { CombinationResult } from '../research/index.js';
import { errorMessage } from './backtest-options.js';
import type { CheckedOptimization } from './optimization-request.js';
import type { OptimizationWorkerMessage } from './optimization-worker.js';

export interface RunHooks {
  /** Combinations finished so far (of the job's `total`). */
  onProgress(done: number): void;
  /** Each new result as its backtest ends (completion order). */
  onResult(result: CombinationResult): void;
}

export interface OptimizationRun {
  /** The best results, ranked (ties in the search's order), and the combinations the strategy refused. */
  readonly finished: Promise<{ readonly best: readonly CombinationResult[]; readonly refused: number }>;
  /** Stops the run (`finished` then rejects); resolves once its threads have exited. */
  stop(): Promise<void>;
}

export function startOptimizationRun(job: CheckedOptimization, hooks: RunHooks): OptimizationRun {
  const entry = workerEntry(import.meta.url, 'optimization-worker');
  const worker = new Worker(entry.script, { workerData: job, eval: entry.eval });
  let stopped = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const finished = new Promise<{ best: readonly CombinationResult[]; refused: number }>((resolve, reject) => {
    let outcome: OptimizationWorkerMessage | undefined;
    let crash: string | undefined;
    worker.on('message', (message: OptimizationWorkerMessage) => {
      if (stopped) return;
      if (message.type === 'progress') hooks.onProgress(message.done);
      else if (message.type === 'result') hooks.onResult(message.result);
      else outcome = message;
    });
    worker.on('error', (error) => {
      crash ??= errorMessage(error);
    });
    worker.on('exit', (code) => {
      if (stopped) reject(new Error('stopped'));
      else if (outcome?.type === 'done') resolve(outcome);
      else if (outcome?.type === 'error') reject(new Error(outcome.message));
      else reject(new Error(crash ?? `the optimisation worker stopped with exit code ${code}`));
    });
  });
  finished.catch(() => {}); // the caller may stop it without waiting for it
  return {
    finished,
    stop: async () => {
      stopped = true;
      await worker.terminate();
      await exited;
    },
  };
}
