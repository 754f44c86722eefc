/**
 * A fixed pool of worker threads running one module, each started once with the same `workerData`
 * (shared buffers stay shared), then given tasks one message at a time. Tasks are handed to the
 * least busy worker, at most `maxInFlight` per worker, so a worker never idles while the pool
 * has work. The worker side is `serveTasks`.
 */
import { parentPort, Worker } from 'node:worker_threads';
import { BourseError } from '../core/errors.js';
import type { WorkerEntry } from '../core/worker-entry.js';

type Request<T> = { readonly id: number; readonly task: T };
type Reply<R> =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly reply: R }
  | { readonly type: 'failed'; readonly id: number; readonly code?: string; readonly message: string };

export interface WorkerPoolOptions {
  readonly entry: WorkerEntry;
  /** Number of worker threads (>= 1). */
  readonly size: number;
  readonly workerData: unknown;
  /** Tasks sent ahead to one worker (default 2: the next one waits there while one runs). */
  readonly maxInFlight?: number;
}

interface Pending<T, R> {
  readonly id: number;
  readonly task: T;
  readonly resolve: (reply: R) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker<T, R> {
  readonly thread: Worker;
  readonly inFlight: Map<number, Pending<T, R>>;
}

export class WorkerPool<T, R> {
  /** Resolves when every worker has started and said so (its module loaded, its data rebuilt). */
  readonly ready: Promise<void>;
  private readonly workers: PoolWorker<T, R>[] = [];
  private readonly queue: Pending<T, R>[] = [];
  private readonly maxInFlight: number;
  private nextId = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new RangeError(`a worker pool needs at least 1 worker, got ${options.size}`);
    this.maxInFlight = options.maxInFlight ?? 2;
    const started: Promise<void>[] = [];
    for (let w = 0; w < options.size; w++) {
      const thread = new Worker(options.entry.script, {
        workerData: options.workerData,
        eval: options.entry.eval,
      });
      const worker: PoolWorker<T, R> = { thread, inFlight: new Map() };
      started.push(new Promise((resolve, reject) => this.listen(worker, resolve, reject)));
      this.workers.push(worker);
    }
    this.ready = Promise.all(started).then(() => undefined);
    this.ready.catch(() => {}); // a start-up failure also rejects every task; no unhandled rejection here
  }

  /** Runs one task on some worker. */
  run(task: T): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker (tasks still running are dropped). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
  }

  private listen(worker: PoolWorker<T, R>, started: () => void, failed: (error: Error) => void): void {
    worker.thread.on('message', (message: Reply<R>) => {
      if (message.type === 'ready') return started();
      const pending = worker.inFlight.get(message.id);
      if (!pending) return;
      worker.inFlight.delete(message.id);
      if (message.type === 'done') pending.resolve(message.reply);
      else
        pending.reject(
          message.code ? new BourseError(message.code, message.message) : new Error(message.message),
        );
      this.pump();
    });
    worker.thread.on('error', (error) => {
      this.fail(new Error(`an optimiser worker failed: ${error.message}`));
      failed(error);
    });
    worker.thread.on('exit', (code) => {
      if (this.closing) return;
      const error = new Error(`an optimiser worker stopped with exit code ${code}`);
      this.fail(error);
      failed(error);
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let idlest: PoolWorker<T, R> | undefined;
      for (const worker of this.workers) {
        if (
          worker.inFlight.size < this.maxInFlight &&
          (!idlest || worker.inFlight.size < idlest.inFlight.size)
        )
          idlest = worker;
      }
      if (!idlest) return;
      const pending = this.queue.shift() as Pending<T, R>;
      idlest.inFlight.set(pending.id, pending);
      idlest.thread.postMessage({ id: pending.id, task: pending.task } satisfies Request<T>);
    }
  }

  /** A worker died: every waiting and running task fails, and so does every later one. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const worker of this.workers) {
      for (const pending of worker.inFlight.values()) pending.reject(error);
      worker.inFlight.clear();
    }
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }
}

/** The worker side: says it is ready, then answers each task with `handle`'s result or its error. */
export function serveTasks<T, R>(handle: (task: T) => R): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks runs in a worker thread');
  port.on('message', ({ id, task }: Request<T>) => {
    try {
      port.postMessage({ type: 'done', id, reply: handle(task) } satisfies Reply<R>);
    } catch (error) {
      const code =
        error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ type: 'failed', id, code, message } satisfies Reply<R>);
    }
  });
  port.postMessage({ type: 'ready' } satisfies Reply<R>);
}
