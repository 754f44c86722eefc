/**
 * Probes for `bench:live`, placed at the live node's edges so that what they time is the node
 * itself (kernel, journal, adapter glue), not the socket:
 * - t0: a decoded quote reaches the node (the feed's sink, wrapped);
 * - t1: the node hands the order command answering it to the broker's execution client (the
 *   client from `BrokerExecution.clientFor`, wrapped). The node journals a command before it hands
 *   it over (persist before acting), so t1 − t0 includes the journal commit.
 * Also an in-memory session journal (no database) and a wrapper timing journal appends.
 */
import type { ExecutionClient } from '../src/execution/engine.js';
import type { JournalEntry, SessionJournal } from '../src/live/journal.js';
import type { BrokerExecution, LiveDataFeed } from '../src/live/ports.js';
import type { MarketData, QuoteTick } from '../src/model/data.js';

const now = (): bigint => process.hrtime.bigint();
const micros = (from: bigint, to: bigint): number => Number(to - from) / 1000;

export class LatencyProbe {
  /** Tick-to-order latencies, µs, in the order the commands were handed over. */
  readonly samples: number[] = [];
  /** Quotes that reached the node. */
  quotes = 0;
  /** Commands handed over with no answered quote to pair with (should stay 0). */
  unpaired = 0;
  private readonly arrivals = new WeakMap<QuoteTick, bigint>();
  /** Quotes the strategy answered, oldest first: commands reach the broker in that order. */
  private readonly answered: QuoteTick[] = [];
  private head = 0;

  /** The feed, timing each quote as the node receives it. */
  feed(inner: LiveDataFeed): LiveDataFeed {
    return {
      start: (sink: (item: MarketData) => void) =>
        inner.start((item) => {
          if (item.kind === 'quote') {
            this.arrivals.set(item, now());
            this.quotes++;
          }
          sink(item);
        }),
      flush: inner.flush ? () => inner.flush!() : undefined,
      stop: () => inner.stop(),
    };
  }

  /** The strategy calls this as it answers `quote` with a command. */
  answer(quote: QuoteTick): void {
    this.answered.push(quote);
  }

  /** The broker, timing each submit and modify as the node hands it over. */
  broker(inner: BrokerExecution): BrokerExecution {
    const probe = this;
    return {
      get accountId() {
        return inner.accountId;
      },
      clientFor(venue: string): ExecutionClient {
        const client = inner.clientFor(venue);
        return {
          venue: client.venue,
          get supportedOrderTypes() {
            return client.supportedOrderTypes;
          },
          submitOrder(order, release) {
            probe.handedOver(now());
            client.submitOrder(order, release);
          },
          modifyOrder(order, changes) {
            probe.handedOver(now());
            client.modifyOrder(order, changes);
          },
          cancelOrder: (order) => client.cancelOrder(order),
          ...(client.submitBracket
            ? {
                submitBracket(parent, children) {
                  probe.handedOver(now());
                  client.submitBracket!(parent, children);
                },
              }
            : {}),
        };
      },
      onItem: (listener) => inner.onItem(listener),
      restore: (known) => inner.restore(known),
      brokerReport: (since) => inner.brokerReport(since),
      idle: inner.idle ? () => inner.idle!() : undefined,
      externalIdOf: inner.externalIdOf ? (id) => inner.externalIdOf!(id) : undefined,
    };
  }

  private handedOver(t1: bigint): void {
    const quote = this.answered[this.head];
    const t0 = quote && this.arrivals.get(quote);
    if (t0 === undefined) {
      this.unpaired++;
      return;
    }
    this.answered[this.head++] = undefined as unknown as QuoteTick; // let it be collected
    this.samples.push(micros(t0, t1));
  }
}

/** A session journal in a plain array: the node's path without a database (bench only). */
export class MemorySessionJournal implements SessionJournal {
  private readonly entries: JournalEntry[] = [];

  async read(): Promise<JournalEntry[]> {
    return [...this.entries];
  }

  async append(entries: readonly JournalEntry[]): Promise<void> {
    for (const entry of entries) this.entries.push(entry);
  }
}

/** Times each append (a commit for the store journals), µs. */
export class TimedJournal implements SessionJournal {
  readonly appendMicros: number[] = [];

  constructor(private readonly inner: SessionJournal) {}

  read(): Promise<JournalEntry[]> {
    return this.inner.read();
  }

  async append(entries: readonly JournalEntry[]): Promise<void> {
    const start = now();
    await this.inner.append(entries);
    this.appendMicros.push(micros(start, now()));
  }
}

/** The q-quantile of sorted values (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
