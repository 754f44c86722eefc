/**
 * Group commit for the order log: the piece that makes persist-before-act fast.
 *
 * `append(event)` resolves only after the transaction holding the event has COMMITTED. One
 * transaction is in flight at a time; every append issued while it runs waits in a queue, and the
 * whole queue (up to `maxBatch` entries) becomes the next single transaction (multi-row INSERTs).
 * Each caller still waits for durability, but the commit (and its fsync on PostgreSQL) is shared,
 * so throughput grows with the number of appends in flight.
 *
 * Guarantees:
 * - order: entries are written in the order `append`/`recordOrder` was called; an event's seq is
 *   greater than the seq of every event appended before it through this journal;
 * - atomicity: a batch commits whole or not at all. If it fails (a duplicate fill, an unknown order
 *   for a status move, a lost connection) every waiter of that batch is rejected with the same
 *   StoreError and nothing of the batch is written; later batches carry on;
 * - bad input (an empty id, a non-integer timestamp…) is refused at `append` with STORE_INVALID and
 *   never joins a batch, so it cannot fail other callers' writes;
 * - `close()` waits for everything already appended, then refuses new appends (STORE_CLOSED).
 */
import type { Kysely } from 'kysely';
import type { OrderInit } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import type { OrderStatus } from '../model/order-state.js';
import { StoreError, toStoreError } from './errors.js';
import { type OrderLogEntry, type PreparedEntry, prepareEntry, writeOrderBatch } from './order-log.js';
import type { Database } from './schema.js';

export interface OrderJournalOptions {
  /** Most entries per transaction (default 1000). 1 gives one transaction per entry (no batching). */
  readonly maxBatch?: number;
}

export interface OrderJournalStats {
  /** Entries committed. */
  readonly entries: number;
  /** Transactions committed or attempted. */
  readonly transactions: number;
  /** Transactions that failed (their entries were rejected). */
  readonly failedTransactions: number;
  /** Largest batch so far. */
  readonly maxBatchSize: number;
}

interface Waiter {
  readonly entry: PreparedEntry;
  readonly resolve: (seq: number | undefined) => void;
  readonly reject: (error: StoreError) => void;
}

export class OrderJournal {
  private readonly maxBatch: number;
  private queue: Waiter[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  private entries = 0;
  private transactions = 0;
  private failedTransactions = 0;
  private maxBatchSize = 0;

  constructor(
    private readonly db: Kysely<Database>,
    options: OrderJournalOptions = {},
  ) {
    const maxBatch = options.maxBatch ?? 1000;
    if (!Number.isInteger(maxBatch) || maxBatch < 1)
      throw new RangeError(`OrderJournal: maxBatch must be an integer >= 1, got ${maxBatch}`);
    this.maxBatch = maxBatch;
  }

  /** Appends an order event; resolves with its seq once committed. `status` also moves the order's stored status. */
  append(event: OrderEvent, status?: OrderStatus): Promise<number> {
    return this.enqueue({ type: 'event', event, status }) as Promise<number>;
  }

  /** Records a new order (its init, status `initialized`); resolves once committed. */
  async recordOrder(init: OrderInit): Promise<void> {
    await this.enqueue({ type: 'order', init });
  }

  /** Appends any order-log entry; resolves with the event's seq (undefined for an order entry). */
  enqueue(entry: OrderLogEntry): Promise<number | undefined> {
    if (this.closed) return Promise.reject(new StoreError('STORE_CLOSED', 'order journal is closed'));
    let prepared: PreparedEntry;
    try {
      prepared = prepareEntry(entry);
    } catch (error) {
      return Promise.reject(toStoreError(error, 'order journal'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ entry: prepared, resolve, reject });
      // Start on a microtask, so appends issued in the same synchronous burst share the first batch.
      if (this.running === undefined) this.running = Promise.resolve().then(() => this.drain());
    });
  }

  stats(): OrderJournalStats {
    return {
      entries: this.entries,
      transactions: this.transactions,
      failedTransactions: this.failedTransactions,
      maxBatchSize: this.maxBatchSize,
    };
  }

  /** Waits until everything appended so far is committed (or rejected). */
  async flush(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  /** Flushes, then refuses further appends. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
        this.queue = this.queue.length <= this.maxBatch ? [] : this.queue.slice(this.maxBatch);
        await this.commit(batch);
      }
    } finally {
      this.running = undefined;
    }
  }

  private async commit(batch: readonly Waiter[]): Promise<void> {
    this.transactions++;
    this.maxBatchSize = Math.max(this.maxBatchSize, batch.length);
    let seqs: Array<number | undefined>;
    try {
      const entries = batch.map((w) => w.entry);
      seqs = await this.db.transaction().execute((trx) => writeOrderBatch(trx, entries));
    } catch (error) {
      this.failedTransactions++;
      const failure = toStoreError(
        error,
        `order journal: a batch of ${batch.length} entr${batch.length === 1 ? 'y' : 'ies'} was not written`,
      );
      for (const waiter of batch) waiter.reject(failure);
      return;
    }
    this.entries += batch.length;
    for (let i = 0; i < batch.length; i++) batch[i].resolve(seqs[i]);
  }
}
