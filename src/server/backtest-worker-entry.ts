/** Where the backtest worker starts from: compiled JavaScript, or the TypeScript source through tsx. */
import { workerEntry as moduleWorkerEntry, type WorkerEntry } from '../core/worker-entry.js';

/** How to start `backtest-worker` (next to this module): see `core/worker-entry.ts`. */
export function workerEntry(): WorkerEntry {
  return moduleWorkerEntry(import.meta.url, 'backtest-worker');
}
