/**
 * Persist before acting, between a kernel and its simulated venues (a paper session): every order,
 * command and event goes into the journal, and nothing is sent to a venue or applied to the kernel
 * before the journal has committed it.
 *
 * - Commands (submit, cancel, modify) are queued instead of sent; the venue gets them once their
 *   entry is durable.
 * - Venue events are queued instead of applied; the kernel applies them once durable, in order.
 * - Events the kernel makes itself (submitted, denied, pending-cancel…) are observed as they are
 *   published and journaled before any command or event that follows them; an order's init is
 *   journaled before its first event.
 * `settle()` repeats "commit what is queued, then act on it" until nothing is left (acting may
 * queue more: a fill makes a strategy send an order). Group commit: one append per round.
 *
 * Recovery: a link opened on a journal that already holds entries starts in replay. The session
 * runs its data again from the start; each entry the kernel and the venue produce must equal the
 * next one in the journal (else `JournalDivergence`: the code, the config or the data changed) and
 * is not written again, while the venue still gets the commands and the kernel the events: both
 * are rebuilt exactly. When the journal is used up the link writes again. So a crash at any moment
 * loses nothing that was committed and duplicates nothing: what was written is replayed, what was
 * not is produced again, identically, because the session is deterministic.
 */

import type { VenueLink } from '../backtest/engine.js';
import { BourseError } from '../core/errors.js';
import type { LocalRelease } from '../execution/emulator.js';
import type { ExecutionClient, OrderChanges } from '../execution/engine.js';
import type { Kernel } from '../kernel/kernel.js';
import type { ClientOrderId } from '../model/identifiers.js';
import type { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import { entryText, type InputEntry, type JournalEntry, orderInit, type SessionJournal } from './journal.js';

/** Runs before any other handler of order events, so the journal sees them in publishing order. */
const JOURNAL_PRIORITY = 1_000_000;

export class JournalDivergence extends BourseError {
  constructor(message: string) {
    super('JOURNAL_DIVERGENCE', message);
  }
}

interface Queued {
  readonly entry: JournalEntry;
  /** What to do once the entry is durable (send the command, apply the event). */
  readonly act?: () => void;
}

export interface JournalStats {
  /** Entries found in the journal when the link was opened (replayed). */
  readonly replayed: number;
  /** Entries written by this link. */
  readonly appended: number;
  /** Appends (transactions) those took. */
  readonly commits: number;
}

export class JournalLink implements VenueLink {
  private queue: Queued[] = [];
  private readonly journaledOrders = new Set<ClientOrderId>();
  private cursor = 0;
  private applying: OrderEvent | undefined;
  private appended = 0;
  private commits = 0;
  private kernel: Kernel | undefined;

  constructor(
    private readonly journal: SessionJournal,
    /** The journal's entries when the session (re)starts: replayed before anything is written. */
    private readonly existing: readonly JournalEntry[],
  ) {}

  /**
   * A link that appends to a journal without replaying it (a live session: what happened before
   * is restored from the journal and reconciled with the broker, not re-run). Orders already in
   * the journal are known: their later events need no new order entry.
   */
  static continuing(journal: SessionJournal, existing: readonly JournalEntry[]): JournalLink {
    const link = new JournalLink(journal, []);
    for (const entry of existing)
      if (entry.type === 'order') link.journaledOrders.add(entry.init.clientOrderId);
    return link;
  }

  /**
   * Journals an order the kernel did not create through a strategy (one adopted from the broker),
   * before its first event. Must be in the kernel's cache.
   */
  journalOrder(clientOrderId: ClientOrderId): void {
    if (!this.journaledOrders.has(clientOrderId)) this.recordOrder(clientOrderId);
  }

  /** Watches the kernel's order events; call once, before the kernel starts. */
  attach(kernel: Kernel): void {
    if (this.kernel) throw new RangeError('a journal link is attached to one kernel');
    this.kernel = kernel;
    kernel.bus.subscribe<OrderEvent>('events.order.*', (event) => this.observe(event), JOURNAL_PRIORITY);
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Whether journal entries remain to be replayed. */
  get replaying(): boolean {
    return this.cursor < this.existing.length;
  }

  get stats(): JournalStats {
    return { replayed: this.existing.length, appended: this.appended, commits: this.commits };
  }

  client(venue: ExecutionClient): ExecutionClient {
    const submitBracket = venue.submitBracket?.bind(venue);
    return {
      venue: venue.venue,
      // A venue that takes brackets whole gets them whole: one submit entry per leg, sent together.
      ...(submitBracket
        ? {
            submitBracket: (parent: Order, children: readonly Order[]) => {
              const legs = [parent, ...children];
              for (const [i, leg] of legs.entries()) {
                this.enqueue(
                  { type: 'submit', dataIndex: this.dataIndex, clientOrderId: leg.clientOrderId },
                  i === legs.length - 1 ? () => submitBracket(parent, children) : undefined,
                );
              }
            },
          }
        : {}),
      get supportedOrderTypes() {
        return venue.supportedOrderTypes;
      },
      submitOrder: (order: Order, release?: LocalRelease) =>
        this.enqueue(
          {
            type: 'submit',
            dataIndex: this.dataIndex,
            clientOrderId: order.clientOrderId,
            ...(release ? { release } : {}),
          },
          () => venue.submitOrder(order, release),
        ),
      cancelOrder: (order: Order) =>
        this.enqueue({ type: 'cancel', dataIndex: this.dataIndex, clientOrderId: order.clientOrderId }, () =>
          venue.cancelOrder(order),
        ),
      modifyOrder: (order: Order, changes: OrderChanges) =>
        this.enqueue(
          {
            type: 'modify',
            dataIndex: this.dataIndex,
            clientOrderId: order.clientOrderId,
            changes: { ...changes },
          },
          () => venue.modifyOrder(order, changes),
        ),
    };
  }

  venueEvent(event: OrderEvent, apply: (event: OrderEvent) => void): void {
    this.enqueue({ type: 'event', dataIndex: this.dataIndex, event }, () => {
      this.applying = event;
      try {
        apply(event);
      } finally {
        this.applying = undefined;
      }
    });
  }

  async settle(): Promise<void> {
    while (this.queue.length > 0) {
      const round = this.queue;
      this.queue = [];
      const fresh: JournalEntry[] = [];
      for (const { entry } of round) {
        if (this.cursor < this.existing.length) this.expect(entry);
        else fresh.push(entry);
      }
      if (fresh.length > 0) {
        await this.journal.append(fresh);
        this.appended += fresh.length;
        this.commits++;
      }
      for (const queued of round) queued.act?.();
    }
  }

  /** Journals an input from outside (the kill switch, a user's command), before whatever it causes. */
  record(entry: InputEntry): void {
    this.enqueue(entry);
  }

  /**
   * In a replay, the journaled input (a kill switch pull, a user's command) to repeat before data
   * point `dataIndex`: inputs are taken between data points, when everything of the previous one is
   * settled, so the replay finds one at the cursor exactly then.
   */
  inputBefore(dataIndex: number): InputEntry | undefined {
    if (this.queue.length > 0) return undefined;
    const next = this.existing[this.cursor];
    return (next?.type === 'kill' || next?.type === 'input') && next.dataIndex === dataIndex
      ? next
      : undefined;
  }

  /** Fails when the journal holds entries the run did not produce again (it ended early). */
  assertReplayed(): void {
    if (this.replaying) {
      throw new JournalDivergence(
        `the journal holds ${this.existing.length - this.cursor} entries beyond what this run produced (next: ${entryText(this.existing[this.cursor])})`,
      );
    }
  }

  private get dataIndex(): number {
    return this.kernel?.portfolio.dataIndex ?? 0;
  }

  private observe(event: OrderEvent): void {
    if (event === this.applying) return; // a venue event: journaled when it arrived
    if (!this.journaledOrders.has(event.clientOrderId)) this.recordOrder(event.clientOrderId);
    this.enqueue({ type: 'event', dataIndex: this.dataIndex, event });
  }

  private enqueue(entry: JournalEntry, act?: () => void): void {
    this.queue.push({ entry, act });
  }

  private recordOrder(clientOrderId: ClientOrderId): void {
    const order = this.kernel?.cache.order(clientOrderId);
    if (!order) throw new RangeError(`journal: order ${clientOrderId} is not in the cache`);
    this.journaledOrders.add(clientOrderId);
    this.queue.push({ entry: { type: 'order', dataIndex: this.dataIndex, init: orderInit(order) } });
  }

  private expect(entry: JournalEntry): void {
    const want = this.existing[this.cursor];
    const got = entryText(entry);
    const stored = entryText(want);
    if (got !== stored) {
      throw new JournalDivergence(
        `replay diverged from the journal at entry ${this.cursor + 1}: the journal holds ${stored}, this run produced ${got}`,
      );
    }
    this.cursor++;
  }
}
