/** An optimisation job as the server keeps it, and as the API shows it: its state and its ranked results. */
import { type CombinationResult, compareFitness, rankByFitness } from '../research/index.js';
import type {
  OptimizationJobStatus,
  OptimizationJobView,
  OptimizationResultsView,
  OptimizationResultView,
} from './api-types.js';
import type { ProgressThrottle } from './optimization-progress.js';
import { type CheckedOptimization, MAX_KEPT_RESULTS } from './optimization-request.js';
import type { OptimizationRun, RunHooks } from './optimization-run.js';

export interface OptimizationJob {
  readonly id: string;
  readonly checked: CheckedOptimization;
  readonly actor: string;
  readonly submitted: number;
  status: OptimizationJobStatus;
  done: number;
  started: number | null;
  finished: number | null;
  error?: string;
  refused: number;
  /** While it runs, every result so far (completion order); once ended, the best ones, ranked. */
  results: CombinationResult[];
  ranked: boolean;
  best?: CombinationResult;
  /** How often its progress is told. */
  readonly throttle: ProgressThrottle;
  /** Its thread, while it runs. */
  run?: OptimizationRun;
}

export function newJob(
  id: string,
  checked: CheckedOptimization,
  actor: string,
  now: number,
  throttle: ProgressThrottle,
): OptimizationJob {
  return {
    id,
    checked,
    actor,
    submitted: now,
    status: 'queued',
    done: 0,
    started: null,
    finished: null,
    refused: 0,
    results: [],
    ranked: false,
    throttle,
  };
}

/** What a run tells the job while it is running: its progress (throttled on) and its results. */
export function runHooks(job: OptimizationJob): RunHooks {
  return {
    onProgress: (done) => {
      if (job.status !== 'running') return;
      job.done = done;
      job.throttle.progressed(done);
    },
    onResult: (result) => {
      if (job.status === 'running') addResult(job, result);
    },
  };
}

/** Records a result of a running job (and whether it is the best so far). */
function addResult(job: OptimizationJob, result: CombinationResult): void {
  job.results.push(result);
  if (job.best === undefined || compareFitness(result, job.best) < 0) job.best = result;
}

/** Keeps the best results, ranked (ties in the order given: the search's, for a complete run). */
export function keepBest(job: OptimizationJob, results: readonly CombinationResult[] = job.results): void {
  job.results = rankByFitness(results).slice(0, MAX_KEPT_RESULTS);
  job.ranked = true;
  job.best = job.results[0];
}

export function jobView(job: OptimizationJob): OptimizationJobView {
  return {
    id: job.id,
    status: job.status,
    request: job.checked.request,
    done: job.done,
    total: job.checked.total,
    workers: Math.max(1, Math.min(job.checked.workers, job.checked.total)),
    refused: job.refused,
    submitted: job.submitted,
    started: job.started,
    finished: job.finished,
    ...(job.error === undefined ? {} : { error: job.error }),
    ...(job.best === undefined ? {} : { best: bestView(job.best) }),
  };
}

/** The `top` best results (so far, while it runs). */
export function resultsView(job: OptimizationJob, top: number): OptimizationResultsView {
  const ranked = job.ranked ? job.results : rankByFitness(job.results);
  return {
    id: job.id,
    status: job.status,
    objective: job.checked.objective,
    count: job.results.length,
    results: ranked.slice(0, top).map((result, i) => resultView(result, i + 1)),
  };
}

function bestView(result: CombinationResult): NonNullable<OptimizationJobView['best']> {
  const { params, objective, constraintsMet, finalValue } = result;
  return { params, objective, constraintsMet, finalValue };
}

function resultView(result: CombinationResult, rank: number): OptimizationResultView {
  return {
    rank,
    ...bestView(result),
    statistics: result.statistics as unknown as OptimizationResultView['statistics'],
  };
}
