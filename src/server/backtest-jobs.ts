import { Worker } from 'node:worker_threads';
import type { BourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import type { JsonValue } from '../store/json.js';
import type { Store } from '../store/store.js';
import type {
  BacktestJobStatus,
  BacktestJobView,
  BacktestRequest,
  BacktestResultView,
  BacktestSummaryView,
} from './api-types.js';
import { BacktestRequestError, checkBacktestRequest, errorMessage } from './backtest-request.js';
import type { BacktestWorkerInput, BacktestWorkerMessage } from './backtest-worker.js';
import { workerEntry } from './backtest-worker-entry.js';
import { type ErrorReporter, errorReporter, JobRegistry, notify } from './job-registry.js';

export { BacktestRequestError };

import type { ResolvedDataset } from './datasets.js';

export interface BacktestJobsOptions {
  /** The configuration backtests run with (its `backtest` and `risk` sections, as the CLI's). */
  readonly config: BourseConfig;
  /** Folder of the bundled data files (see `defaultDataDir()` in ./datasets.ts). */
  readonly dataDir: string;
  /** Where runs are recorded (`backtests`), if anywhere. */
  readonly store?: Pick<Store, 'backtests'>;
  /** Backtests running at once (default 1); the others wait in submission order. */
  readonly maxConcurrent?: number;
  /** Called on every status or progress change of a job. */
  readonly onUpdate?: (job: BacktestJobView) => void;
  /** Wall clock in microseconds since the Unix epoch (default `Date.now() * 1000`). */
  readonly now?: () => number;
  /** Finished jobs kept in memory, oldest dropped first (default 100). */
  readonly maxJobs?: number;
  /** Told about errors outside any job: store writes, a throwing `onUpdate` (default: a process warning). */
  readonly onError?: (error: unknown, context: string) => void;
}

interface Job {
  readonly id: string;
  readonly request: BacktestRequest;
  readonly actor: string;
  readonly dataset: ResolvedDataset;
  readonly config: BourseConfig;
  readonly submitted: number;
  status: BacktestJobStatus;
  progress: number;
  finished: number | null;
  error?: string;
  summary?: BacktestSummaryView;
  result?: BacktestResultView;
  tearsheet?: string;
  /** The store's run id once created (undefined without a store or when creating it failed). */
  storeRun?: Promise<number | undefined>;
  worker?: Worker;
  /** Resolves when the worker has exited and the job is finalized. */
  exited?: Promise<void>;
  /** Why the job was stopped from outside (close). */
  canceled?: string;
}

const CLOSED_MESSAGE = 'canceled: the backtest service was closed';

export class BacktestJobs {
  private readonly jobs: JobRegistry<Job>;
  private readonly queue: Job[] = [];
  private readonly running = new Set<Job>();
  private readonly storeWrites = new Set<Promise<unknown>>();
  private readonly maxConcurrent: number;
  private readonly now: () => number;
  private readonly report: ErrorReporter;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BacktestJobsOptions) {
    const max = options.maxConcurrent ?? 1;
    if (!Number.isInteger(max) || max < 1) {
      throw new BourseError('CONFIG_INVALID', `maxConcurrent: expected a whole number ≥ 1, got ${max}`);
    }
    this.maxConcurrent = max;
    this.jobs = new JobRegistry(Math.max(1, options.maxJobs ?? 100), isFinished);
    this.report = errorReporter(options.onError, 'BOURSE_BACKTEST_JOBS');
    this.now = options.now ?? (() => Date.now() * 1000);
  }

  /**
   * Validates the request (synchronously: a wrong `dataset`, `strategy`, `params[i]` or
   * `startingCash` throws a {@link BacktestRequestError} naming the field) and queues the job.
   */
  submit(request: BacktestRequest, actor: string): BacktestJobView {
    if (this.closing !== undefined)
      throw new BourseError('BACKTEST_CLOSED', 'the backtest service is closed');
    const checked = checkBacktestRequest(request, this.options.dataDir, this.options.config);
    const id = this.jobs.nextId();
    const job: Job = {
      id,
      request: checked.request,
      actor,
      dataset: checked.dataset,
      config: checked.config,
      submitted: this.now(),
      status: 'queued',
      progress: 0,
      finished: null,
    };
    this.jobs.add(job);
    const store = this.options.store;
    if (store !== undefined) {
      const params = {
        ...(checked.request as unknown as Record<string, JsonValue>),
        actor,
        job: id,
        backtest: checked.config.backtest as unknown as JsonValue,
      };
      job.storeRun = this.storeWrite(
        store.backtests.create(params, job.submitted),
        `recording backtest ${id}`,
      );
    }
    this.queue.push(job);
    this.emit(job);
    this.pump();
    return view(job);
  }

  get(id: string): BacktestJobView | undefined {
    const job = this.jobs.get(id);
    return job === undefined ? undefined : view(job);
  }

  /** Jobs kept in memory, newest first. */
  list(): BacktestJobView[] {
    return this.jobs.newestFirst().map(view);
  }

  /** The result of a completed job. */
  result(id: string): BacktestResultView | undefined {
    return this.jobs.get(id)?.result;
  }

  /** The self-contained HTML tearsheet of a completed job (as `bourse backtest --report` writes it). */
  tearsheet(id: string): string | undefined {
    return this.jobs.get(id)?.tearsheet;
  }

  /**
   * Stops taking jobs, cancels the queued ones and stops the running workers (their jobs end
   * `failed`, "canceled"), and resolves once every worker has exited and every store write settled.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const job of this.queue.splice(0)) {
      job.canceled = CLOSED_MESSAGE;
      this.finish(job, undefined, CLOSED_MESSAGE);
    }
    const exits: Promise<void>[] = [];
    for (const job of this.running) {
      job.canceled = CLOSED_MESSAGE;
      if (job.worker !== undefined) void job.worker.terminate();
      if (job.exited !== undefined) exits.push(job.exited);
    }
    await Promise.all(exits);
    while (this.storeWrites.size > 0) await Promise.allSettled([...this.storeWrites]);
  }

  /** Starts queued jobs while fewer than `maxConcurrent` run. */
  private pump(): void {
    while (this.closing === undefined && this.running.size < this.maxConcurrent && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.start(job);
    }
  }

  private start(job: Job): void {
    this.running.add(job);
    job.status = 'running';
    job.progress = 0;
    this.emit(job);
    let outcome: BacktestWorkerMessage | undefined;
    let crash: string | undefined;
    const input: BacktestWorkerInput = {
      jobId: job.id,
      file: job.dataset.path,
      dataLabel: `data/${job.dataset.file}`,
      strategy: job.request.strategy,
      params: job.request.params ?? [],
      config: job.config,
      series: job.dataset.series,
      continuous: job.dataset.continuous,
      csv: job.dataset.csv,
      instrument: job.dataset.instrument,
    };
    let worker: Worker;
    try {
      const entry = workerEntry();
      worker = new Worker(entry.script, { workerData: input, eval: entry.eval });
    } catch (error) {
      this.running.delete(job);
      this.finish(job, undefined, `cannot start the backtest worker: ${errorMessage(error)}`);
      this.pump();
      return;
    }
    job.worker = worker;
    job.exited = new Promise<void>((resolve) => {
      worker.on('message', (message: BacktestWorkerMessage) => {
        if (message.type === 'progress') {
          if (job.status === 'running' && message.progress > job.progress && message.progress < 1) {
            job.progress = message.progress;
            this.emit(job);
          }
        } else {
          outcome = message;
        }
      });
      worker.on('error', (error) => {
        crash ??= errorMessage(error);
      });
      worker.on('exit', (code) => {
        job.worker = undefined;
        this.running.delete(job);
        if (job.canceled !== undefined) this.finish(job, undefined, job.canceled);
        else if (outcome?.type === 'result') this.finish(job, outcome, undefined);
        else if (outcome?.type === 'error') this.finish(job, undefined, outcome.message);
        else this.finish(job, undefined, crash ?? `the backtest worker stopped with exit code ${code}`);
        this.pump();
        resolve();
      });
    });
  }

  /** Ends a job: completed with the worker's result, or failed with `error`. */
  private finish(
    job: Job,
    outcome: Extract<BacktestWorkerMessage, { type: 'result' }> | undefined,
    error: string | undefined,
  ): void {
    job.finished = this.now();
    if (outcome !== undefined) {
      job.status = 'completed';
      job.progress = 1;
      job.result = outcome.result;
      job.summary = outcome.result.summary;
      job.tearsheet = outcome.tearsheet;
    } else {
      job.status = 'failed';
      job.error = error ?? 'failed';
    }
    const store = this.options.store;
    if (store !== undefined && job.storeRun !== undefined) {
      const finished = job.finished;
      this.storeWrite(
        job.storeRun.then((runId) => {
          if (runId === undefined) return;
          return job.status === 'completed' && job.summary !== undefined
            ? store.backtests.complete(runId, job.summary as unknown as JsonValue, finished)
            : store.backtests.fail(runId, job.error ?? 'failed', finished);
        }),
        `recording the end of backtest ${job.id}`,
      );
    }
    this.emit(job);
    this.jobs.prune();
  }

  /** Tracks a store write (close waits for it); its failure is reported, never thrown. */
  private storeWrite<T>(write: Promise<T>, context: string): Promise<T | undefined> {
    const tracked = write.catch((error: unknown) => {
      this.report(error, context);
      return undefined;
    });
    this.storeWrites.add(tracked);
    void tracked.finally(() => this.storeWrites.delete(tracked));
    return tracked;
  }

  private emit(job: Job): void {
    notify(this.options.onUpdate, () => view(job), this.report, `onUpdate of backtest ${job.id}`);
  }
}

const isFinished = (job: Job): boolean => job.status === 'completed' || job.status === 'failed';

function view(job: Job): BacktestJobView {
  return {
    id: job.id,
    status: job.status,
    request: job.request,
    progress: job.progress,
    submitted: job.submitted,
    finished: job.finished,
    ...(job.error === undefined ? {} : { error: job.error }),
    ...(job.summary === undefined ? {} : { summary: job.summary }),
  };
}
