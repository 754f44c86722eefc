/**
 * What the server's job services (backtest jobs, optimisation jobs) share: the jobs kept in memory
 * by id (the oldest finished ones dropped beyond a bound), and how they tell their listener about a
 * job and report errors outside any job without ever throwing them.
 */
import { errorMessage } from './backtest-options.js';

/** Jobs by id in submission order; ids are `<prefix><n>`, n counting from 1. */
export class JobRegistry<J extends { readonly id: string }> {
  private readonly jobs = new Map<string, J>();
  private sequence = 0;

  constructor(
    /** Finished jobs kept, oldest dropped first (running and queued ones are always kept). */
    private readonly maxJobs: number,
    private readonly isFinished: (job: J) => boolean,
    private readonly prefix = '',
  ) {}

  /** The id of the next job. */
  nextId(): string {
    return `${this.prefix}${++this.sequence}`;
  }

  add(job: J): void {
    this.jobs.set(job.id, job);
  }

  get(id: string): J | undefined {
    return this.jobs.get(id);
  }

  /** The jobs kept, newest first. */
  newestFirst(): J[] {
    return [...this.jobs.values()].reverse();
  }

  /** Drops the oldest finished jobs beyond `maxJobs`. */
  prune(): void {
    if (this.jobs.size <= this.maxJobs) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= this.maxJobs) break;
      if (this.isFinished(job)) this.jobs.delete(id);
    }
  }
}

/** Where a job service's errors outside any job go: `onError`, else a process warning with `code`. */
export type ErrorReporter = (error: unknown, context: string) => void;

export function errorReporter(
  onError: ((error: unknown, context: string) => void) | undefined,
  code: string,
): ErrorReporter {
  return (error, context) => {
    if (onError !== undefined) {
      try {
        onError(error, context);
        return;
      } catch {
        // fall through to the warning
      }
    }
    process.emitWarning(`${context}: ${errorMessage(error)}`, { code });
  };
}

/** Calls a job listener; what it throws is reported, never thrown. */
export function notify<V>(
  listener: ((view: V) => void) | undefined,
  view: () => V,
  report: ErrorReporter,
  context: string,
): void {
  if (listener === undefined) return;
  try {
    listener(view());
  } catch (error) {
    report(error, context);
  }
}
