/**
 * A session journal in the store (its `session_journal` table): each append is one transaction
 * that also records the new orders, the order events (with the fills they carry and each order's
 * status after them) and the positions those fills leave, per account, strategy and instrument.
 * So the store's orders, fills and positions always match the journal, crash or not.
 */
import { hostname } from 'node:os';
import { venueAccountId } from '../backtest/engine.js';
import type { ClientOrderId, InstrumentId, StrategyId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import { Position } from '../model/position.js';
import type { AuditEntry, JsonValue, OrderLogEntry, PositionRecord, Store } from '../store/index.js';
import type { JournalEntry, SessionJournal } from './journal.js';

export class StoreSessionJournal implements SessionJournal {
  private next = 1;
  /** The orders as the journal has them, for their status after each event. */
  private readonly orders = new Map<ClientOrderId, Order>();
  private readonly positions = new Map<string, { strategyId: StrategyId; position: Position }>();
  /** Where the commands come from, for the audit log. */
  private readonly origin = `${hostname()} pid ${process.pid}`;

  constructor(
    private readonly store: Store,
    /** The instruments the session trades (multiplier and currency of positions). */
    private readonly instrument: (id: InstrumentId) => Instrument,
    /** The account that books an instrument's fills. */
    private readonly accountOf: (instrument: Instrument) => string,
  ) {}

  async read(): Promise<JournalEntry[]> {
    const rows = await this.store.sessionJournal.read();
    const entries = rows.map((row) => row.entry as unknown as JournalEntry);
    for (const entry of entries) this.track(entry);
    this.next = rows.length + 1;
    return entries;
  }

  async append(entries: readonly JournalEntry[]): Promise<void> {
    const orderLog: OrderLogEntry[] = [];
    const changed = new Set<string>();
    const audit: AuditEntry[] = [];
    for (const entry of entries) {
      const status = this.track(entry, changed);
      audit.push(...this.auditOf(entry));
      if (entry.type === 'order') orderLog.push({ type: 'order', init: entry.init });
      else if (entry.type === 'event') orderLog.push({ type: 'event', event: entry.event, status });
    }
    const positions = [...changed].map((key) => this.record(key, entries));
    await this.store.sessionJournal.append(
      {
        rows: entries.map((entry) => ({ dataIndex: entry.dataIndex, entry: entry as unknown as JsonValue })),
        orderLog,
        positions,
        audit,
      },
      this.next,
    );
    this.next += entries.length;
  }

  /** A command as the audit log has it: the strategy that sent it, when, what. */
  private auditOf(entry: JournalEntry): AuditEntry[] {
    if (entry.type !== 'submit' && entry.type !== 'cancel' && entry.type !== 'modify') return [];
    const order = this.orders.get(entry.clientOrderId);
    if (!order) throw new RangeError(`journal: ${entry.type} of unknown order ${entry.clientOrderId}`);
    const details: Record<string, JsonValue> = { instrumentId: order.instrumentId };
    if (entry.type === 'submit') {
      Object.assign(details, { side: order.side, type: order.type, quantity: order.quantity });
      if (order.price !== undefined) details.price = order.price;
      if (order.triggerPrice !== undefined) details.triggerPrice = order.triggerPrice;
    }
    if (entry.type === 'modify') details.changes = { ...entry.changes } as JsonValue;
    return [
      {
        ts: order.tsLast,
        actor: order.strategyId,
        action: `order.${entry.type}`,
        target: order.clientOrderId,
        details,
        source: 'strategy',
        origin: this.origin,
      },
    ];
  }

  /** Applies an entry to the journal's orders and positions; returns the order's status after an event. */
  private track(entry: JournalEntry, changed?: Set<string>): Order['status'] | undefined {
    if (entry.type === 'order') {
      this.orders.set(entry.init.clientOrderId, new Order(entry.init));
      return undefined;
    }
    if (entry.type !== 'event') return undefined;
    const event = entry.event;
    const order = this.orders.get(event.clientOrderId);
    if (!order) throw new RangeError(`journal: event for unknown order ${event.clientOrderId}`);
    // As the execution engine does: a refusal that arrives after its order ended changes nothing.
    if (!(order.isTerminal && (event.kind === 'cancel-rejected' || event.kind === 'modify-rejected')))
      order.apply(event);
    if (event.kind === 'filled') this.bookFill(event, changed);
    return order.status;
  }

  private bookFill(fill: Extract<OrderEvent, { kind: 'filled' }>, changed?: Set<string>): void {
    const key = `${fill.strategyId}\u0000${fill.instrumentId}`;
    let held = this.positions.get(key);
    if (!held) {
      const instrument = this.instrument(fill.instrumentId);
      held = {
        strategyId: fill.strategyId,
        position: new Position(instrument.id, instrument.multiplier, instrument.currency),
      };
      this.positions.set(key, held);
    }
    held.position.applyFill(fill.side, fill.lastQuantity, fill.lastPrice, fill.commission, fill.tsEvent);
    changed?.add(key);
  }

  private record(key: string, entries: readonly JournalEntry[]): PositionRecord {
    const { strategyId, position } = this.positions.get(key)!;
    const instrument = this.instrument(position.instrumentId);
    const last = entries.at(-1);
    const updatedAt = last?.type === 'event' ? last.event.tsEvent : position.tsLast;
    return {
      accountId: this.accountOf(instrument),
      strategyId,
      instrumentId: position.instrumentId,
      quantity: position.quantity,
      averagePrice: position.isFlat ? 0 : position.averageOpenPrice,
      realizedPnl: position.realizedPnl,
      commissions: position.commissions,
      currency: instrument.currency.code,
      updatedAt,
    };
  }
}

/** The journal of a session trading `instruments`, in `store`, with the backtest engine's account ids. */
export function storeJournal(
  store: Store,
  instruments: readonly Instrument[],
  /** The account of positions (default the backtest engine's per-venue ids; a broker's account live). */
  accountOf: (instrument: Instrument) => string = (instrument) => venueAccountId(instrument.venue),
): StoreSessionJournal {
  const byId = new Map(instruments.map((i) => [i.id, i]));
  return new StoreSessionJournal(
    store,
    (id) => {
      const instrument = byId.get(id);
      if (!instrument) throw new RangeError(`journal: instrument ${id} is not one of the session's`);
      return instrument;
    },
    accountOf,
  );
}
