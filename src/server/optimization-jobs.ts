/**
 * Optimisation jobs of the web server: `bourse optimize` over a bundled data set, one job at a
 * time (the others wait in submission order), in its own thread with a pool of backtest threads,
 * so that the hosted session keeps a core and its event loop. Jobs and their best results are kept
 * in memory.
 */
import { availableParallelism } from 'node:os';
import type { BourseConfig } from '../core/config-schema.js';
import { BourseError } from '../core/errors.js';
import type { OptimizationJobStatus, OptimizationJobView, OptimizationResultsView } from './api-types.js';
import { errorMessage } from './backtest-options.js';
import { type ErrorReporter, errorReporter, JobRegistry, notify } from './job-registry.js';
import { ProgressThrottle } from './optimization-progress.js';
import { checkOptimizationRequest, type OptimizationBody } from './optimization-request.js';
import { startOptimizationRun } from './optimization-run.js';
import {
  jobView,
  keepBest,
  newJob,
  type OptimizationJob,
  resultsView,
  runHooks,
} from './optimization-views.js';

export interface OptimizationJobsOptions {
  /** The configuration the backtests run with (its `backtest` and `risk` sections). */
  readonly config: BourseConfig;
  /** Folder of the bundled data files (see ./datasets.ts). */
  readonly dataDir: string;
  /** Worker threads of a job that names none (default: available parallelism − 1, at least 1). */
  readonly workers?: number;
  /** Called at each status change, and on progress at most every `progressIntervalMs`. */
  readonly onUpdate?: (job: OptimizationJobView) => void;
  /** Shortest time between two progress updates of a job (ms, default 250). */
  readonly progressIntervalMs?: number;
  /** Finished jobs kept in memory, oldest dropped first (default 20). */
  readonly maxJobs?: number;
  /** Jobs that may wait (default 10): beyond, a submission is refused (JOB_QUEUE_FULL). */
  readonly maxQueued?: number;
  /** Wall clock in microseconds since the Unix epoch (default `Date.now() * 1000`). */
  readonly now?: () => number;
  /** Told about errors outside any job (a throwing `onUpdate`; default: a process warning). */
  readonly onError?: (error: unknown, context: string) => void;
}

const CLOSED_MESSAGE = 'cancelled: the optimisation service was closed';
const ENDED: readonly OptimizationJobStatus[] = ['done', 'failed', 'cancelled'];
/** At most this many progress updates per job (each at least 1/PROGRESS_STEPS of the total). */
const PROGRESS_STEPS = 200;

export class OptimizationJobs {
  private readonly jobs: JobRegistry<OptimizationJob>;
  private readonly queue: OptimizationJob[] = [];
  private readonly report: ErrorReporter;
  private readonly now: () => number;
  /** The running job, until its thread has exited. */
  private running: { readonly job: OptimizationJob; readonly exited: Promise<void> } | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: OptimizationJobsOptions) {
    const ended = (job: OptimizationJob) => ENDED.includes(job.status);
    this.jobs = new JobRegistry(Math.max(1, options.maxJobs ?? 20), ended, 'opt-');
    this.report = errorReporter(options.onError, 'BOURSE_OPTIMIZATION_JOBS');
    this.now = options.now ?? (() => Date.now() * 1000);
  }

  /** Checks the request (a wrong field throws a BacktestRequestError naming it) and queues the job. */
  submit(body: OptimizationBody, actor: string): OptimizationJobView {
    if (this.closing !== undefined)
      throw new BourseError('OPTIMIZATION_CLOSED', 'the optimisation service is closed');
    const maxQueued = this.options.maxQueued ?? 10;
    if (this.queue.length >= maxQueued)
      throw new BourseError('JOB_QUEUE_FULL', `${maxQueued} optimisations are waiting already`);
    const workers = this.options.workers ?? Math.max(1, availableParallelism() - 1);
    const checked = checkOptimizationRequest(body, this.options.dataDir, this.options.config, workers);
    const step = Math.max(1, checked.total / PROGRESS_STEPS);
    const interval = this.options.progressIntervalMs ?? 250;
    const throttle = new ProgressThrottle(interval, step, () => this.emit(job));
    const job = newJob(this.jobs.nextId(), checked, actor, this.now(), throttle);
    this.jobs.add(job);
    this.queue.push(job);
    this.emit(job);
    this.pump();
    return jobView(job);
  }

  get(id: string): OptimizationJobView | undefined {
    const job = this.jobs.get(id);
    return job === undefined ? undefined : jobView(job);
  }

  /** Jobs kept in memory, newest first. */
  list(): OptimizationJobView[] {
    return this.jobs.newestFirst().map(jobView);
  }

  /** The `top` best results of a job (so far, while it runs). */
  results(id: string, top: number): OptimizationResultsView | undefined {
    const job = this.jobs.get(id);
    return job === undefined ? undefined : resultsView(job, top);
  }

  /** Cancels a queued or running job (its threads are stopped); undefined for an unknown one. */
  cancel(id: string, actor: string): OptimizationJobView | undefined {
    const job = this.jobs.get(id);
    if (job === undefined) return undefined;
    if (ENDED.includes(job.status))
      throw new BourseError('JOB_FINISHED', `optimisation '${id}' has ended already (${job.status})`);
    this.stop(job, `cancelled by ${actor}`);
    return jobView(job);
  }

  /** Cancels every job, refuses new ones, and resolves once the running job's threads have exited. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const running = this.running?.job.status === 'running' ? [this.running.job] : [];
      for (const job of [...this.queue, ...running]) this.stop(job, CLOSED_MESSAGE);
      await this.running?.exited;
    })();
    return this.closing;
  }

  private stop(job: OptimizationJob, reason: string): void {
    const waiting = this.queue.indexOf(job);
    if (waiting >= 0) this.queue.splice(waiting, 1);
    this.end(job, 'cancelled', reason);
    void job.run?.stop();
  }

  /** Starts the next job when none runs. */
  private pump(): void {
    if (this.closing !== undefined || this.running !== undefined || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    job.status = 'running';
    job.started = this.now();
    this.emit(job);
    const live = () => job.status === 'running';
    try {
      job.run = startOptimizationRun(job.checked, runHooks(job));
    } catch (error) {
      this.end(job, 'failed', `cannot start the optimisation worker: ${errorMessage(error)}`);
      this.pump();
      return;
    }
    // `finished` settles once the job's thread has exited: the next job starts on free cores.
    const exited = job.run.finished
      .then(
        ({ best, refused }) => {
          if (!live()) return;
          job.refused = refused;
          keepBest(job, best);
          this.end(job, 'done');
        },
        (error: unknown) => {
          if (live()) this.end(job, 'failed', errorMessage(error));
        },
      )
      .finally(() => {
        job.run = undefined;
        this.running = undefined;
        this.pump();
      });
    this.running = { job, exited };
  }

  /** Ends a job: its last update goes out at once and no progress update follows it. */
  private end(job: OptimizationJob, status: OptimizationJobStatus, error?: string): void {
    job.status = status;
    job.finished = this.now();
    if (error !== undefined) job.error = error;
    if (!job.ranked) keepBest(job);
    job.throttle.cancel();
    this.emit(job);
    this.jobs.prune();
  }

  private emit(job: OptimizationJob): void {
    notify(this.options.onUpdate, () => jobView(job), this.report, `onUpdate of optimisation ${job.id}`);
  }
}
