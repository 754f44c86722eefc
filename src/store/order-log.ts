/**
 * Orders, the append-only order-event log and fills: the rows, their checks, and the one write path
 * (`writeOrderBatch`) that both the repositories and the group-commit journal use.
 */
import { type Insertable, type Kysely, sql } from 'kysely';
import type { OrderSide } from '../model/enums.js';
import type { ClientOrderId, InstrumentId, StrategyId, TradeId, VenueOrderId } from '../model/identifiers.js';
import { Order, type OrderInit } from '../model/order.js';
import { ORDER_EVENT_KINDS, type OrderEvent, type OrderFilled } from '../model/order-events.js';
import { ORDER_STATUSES, type OrderStatus, TERMINAL_STATUSES } from '../model/order-state.js';
import type { UnixMicros } from '../model/time.js';
import { StoreError, toStoreError } from './errors.js';
import type { Database, FillsTable, OrderEventsTable, OrdersTable } from './schema.js';
import { finite, json, micros, oneOf, text } from './validate.js';

/** Rows per INSERT statement (PostgreSQL allows 65,535 parameters per statement). */
const ROWS_PER_STATEMENT = 2000;

/** One write of the order log: a new order, or an event (optionally moving the order's status). */
export type OrderLogEntry =
  | { readonly type: 'order'; readonly init: OrderInit }
  | { readonly type: 'event'; readonly event: OrderEvent; readonly status?: OrderStatus };

export interface StoredOrderEvent {
  /** Position in the log: strictly increasing in commit order (and append order within a journal). */
  readonly seq: number;
  readonly event: OrderEvent;
}

export interface StoredOrder {
  readonly init: OrderInit;
  readonly status: OrderStatus;
  readonly createdAt: UnixMicros;
  readonly updatedAt: UnixMicros;
}

export interface FillRecord {
  readonly id: number;
  readonly clientOrderId: ClientOrderId;
  readonly tradeId: TradeId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly venueOrderId: VenueOrderId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly liquidity: 'maker' | 'taker';
  readonly tsEvent: UnixMicros;
  readonly tsInit: UnixMicros;
}

/** Rows as inserted (the serial ids are the database's). */
type OrderRow = Insertable<OrdersTable>;
type EventRow = Insertable<OrderEventsTable>;
type FillRow = Insertable<FillsTable>;

/** A checked entry, ready to insert. */
export interface PreparedEntry {
  readonly order?: OrderRow;
  readonly event?: EventRow;
  readonly fill?: FillRow;
  readonly status?: { id: string; status: OrderStatus; ts: number };
}

export function prepareOrder(init: OrderInit, status: OrderStatus = 'initialized'): OrderRow {
  const t = 'orders';
  return {
    client_order_id: text(t, 'client_order_id', init?.clientOrderId),
    strategy_id: text(t, 'strategy_id', init.strategyId),
    instrument_id: text(t, 'instrument_id', init.instrumentId),
    init: json(t, 'init', init),
    status: oneOf(t, 'status', status, ORDER_STATUSES),
    created_at: micros(t, 'created_at (init.tsInit)', init.tsInit),
    updated_at: init.tsInit,
  };
}

export function prepareFill(fill: OrderFilled): FillRow {
  const t = 'fills';
  const quantity = finite(t, 'quantity (lastQuantity)', fill.lastQuantity);
  if (!(quantity > 0)) {
    throw new StoreError('STORE_INVALID', `fills.quantity: expected a positive quantity, got ${quantity}`, {
      table: t,
      field: 'quantity',
    });
  }
  return {
    client_order_id: text(t, 'client_order_id', fill.clientOrderId),
    trade_id: text(t, 'trade_id', fill.tradeId),
    strategy_id: text(t, 'strategy_id', fill.strategyId),
    instrument_id: text(t, 'instrument_id', fill.instrumentId),
    venue_order_id: text(t, 'venue_order_id', fill.venueOrderId),
    side: oneOf(t, 'side', fill.side, ['buy', 'sell']),
    quantity,
    price: finite(t, 'price (lastPrice)', fill.lastPrice),
    commission: finite(t, 'commission', fill.commission),
    liquidity: oneOf(t, 'liquidity', fill.liquidity, ['maker', 'taker']),
    ts_event: micros(t, 'ts_event', fill.tsEvent),
    ts_init: micros(t, 'ts_init', fill.tsInit),
  };
}

export function prepareEvent(event: OrderEvent): EventRow {
  const t = 'order_events';
  return {
    client_order_id: text(t, 'client_order_id', event?.clientOrderId),
    strategy_id: text(t, 'strategy_id', event.strategyId),
    instrument_id: text(t, 'instrument_id', event.instrumentId),
    kind: oneOf(t, 'kind', event.kind, ORDER_EVENT_KINDS),
    ts_event: micros(t, 'ts_event', event.tsEvent),
    ts_init: micros(t, 'ts_init', event.tsInit),
    payload: json(t, 'payload', event),
  };
}

/** Checks an entry and turns it into rows; throws StoreError (STORE_INVALID) on bad input. */
export function prepareEntry(entry: OrderLogEntry): PreparedEntry {
  if (entry.type === 'order') return { order: prepareOrder(entry.init) };
  const event = prepareEvent(entry.event);
  const fill = entry.event.kind === 'filled' ? prepareFill(entry.event) : undefined;
  const status =
    entry.status === undefined
      ? undefined
      : {
          id: event.client_order_id,
          status: oneOf('orders', 'status', entry.status, ORDER_STATUSES),
          ts: event.ts_event,
        };
  return { event, fill, status };
}

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}

/**
 * Writes prepared entries; call inside a transaction. Orders first, then events (their seqs in entry
 * order), then the fills of fill events, then status moves (the last per order wins). Returns the
 * seq of each entry's event (undefined for order entries).
 */
export async function writeOrderBatch(
  db: Kysely<Database>,
  entries: readonly PreparedEntry[],
): Promise<Array<number | undefined>> {
  const orders: OrderRow[] = [];
  const events: EventRow[] = [];
  const fills: FillRow[] = [];
  const statuses = new Map<string, { status: OrderStatus; ts: number }>();
  for (const entry of entries) {
    if (entry.order) orders.push(entry.order);
    if (entry.event) events.push(entry.event);
    if (entry.fill) fills.push(entry.fill);
    if (entry.status) statuses.set(entry.status.id, entry.status);
  }
  for (const rows of chunks(orders)) await db.insertInto('orders').values(rows).execute();
  const seqs: number[] = [];
  for (const rows of chunks(events)) {
    const inserted = await db.insertInto('order_events').values(rows).returning('seq').execute();
    for (const row of inserted) seqs.push(Number(row.seq));
  }
  for (const rows of chunks(fills)) await db.insertInto('fills').values(rows).execute();
  if (statuses.size > 0) {
    const values = [...statuses].map(([id, s]) => sql`(${id}::text, ${s.status}::text, ${s.ts}::bigint)`);
    const result = await sql`UPDATE orders SET status = v.status, updated_at = v.ts
      FROM (VALUES ${sql.join(values)}) AS v(id, status, ts)
      WHERE orders.client_order_id = v.id`.execute(db);
    const updated = Number(result.numAffectedRows ?? 0n);
    if (updated !== statuses.size) {
      const missing = [...statuses.keys()];
      throw new StoreError(
        'STORE_NOT_FOUND',
        `orders.client_order_id: a status update names an order that was never recorded (one of ${missing.slice(0, 5).join(', ')})`,
        { table: 'orders', field: 'client_order_id' },
      );
    }
  }
  let next = 0;
  return entries.map((entry) => (entry.event ? seqs[next++] : undefined));
}

function rowToFill(row: FillRow & { id: number }): FillRecord {
  return {
    id: Number(row.id),
    clientOrderId: row.client_order_id,
    tradeId: row.trade_id,
    strategyId: row.strategy_id,
    instrumentId: row.instrument_id,
    venueOrderId: row.venue_order_id,
    side: row.side as OrderSide,
    quantity: row.quantity,
    price: row.price,
    commission: row.commission,
    liquidity: row.liquidity as 'maker' | 'taker',
    tsEvent: Number(row.ts_event),
    tsInit: Number(row.ts_init),
  };
}

export class OrdersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records a new order (status `initialized` unless given); a second record of the same id is STORE_DUPLICATE. */
  async record(init: OrderInit, status: OrderStatus = 'initialized'): Promise<void> {
    const row = prepareOrder(init, status);
    try {
      await this.db.insertInto('orders').values(row).execute();
    } catch (error) {
      throw toStoreError(error, `orders: recording ${row.client_order_id}`);
    }
  }

  /** Moves an order's status (the events stay the record of why). */
  async setStatus(clientOrderId: ClientOrderId, status: OrderStatus, ts: UnixMicros): Promise<void> {
    const id = text('orders', 'client_order_id', clientOrderId);
    const result = await this.db
      .updateTable('orders')
      .set({
        status: oneOf('orders', 'status', status, ORDER_STATUSES),
        updated_at: micros('orders', 'updated_at', ts),
      })
      .where('client_order_id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new StoreError('STORE_NOT_FOUND', `orders: no order '${id}'`, {
        table: 'orders',
        field: 'client_order_id',
      });
  }

  async get(clientOrderId: ClientOrderId): Promise<StoredOrder | undefined> {
    const row = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('client_order_id', '=', clientOrderId)
      .executeTakeFirst();
    return row === undefined ? undefined : toStoredOrder(row);
  }

  /** Every order, oldest first; `open: true` keeps those whose stored status is not terminal. */
  async all(filter: { open?: boolean; strategyId?: StrategyId } = {}): Promise<StoredOrder[]> {
    let query = this.db.selectFrom('orders').selectAll();
    if (filter.open) query = query.where('status', 'not in', [...TERMINAL_STATUSES]);
    if (filter.strategyId !== undefined) query = query.where('strategy_id', '=', filter.strategyId);
    const rows = await query.orderBy('created_at').orderBy('client_order_id').execute();
    return rows.map(toStoredOrder);
  }

  /**
   * Rebuilds an order from its init and its logged events through `Order.apply` (the same state
   * machine as live), or undefined when it was never recorded.
   */
  async load(clientOrderId: ClientOrderId): Promise<Order | undefined> {
    const stored = await this.get(clientOrderId);
    if (stored === undefined) return undefined;
    const order = new Order(stored.init);
    const events = await new OrderEventsRepository(this.db).forOrder(clientOrderId);
    for (const { event } of events) order.apply(event);
    return order;
  }
}

function toStoredOrder(row: {
  init: OrderInit;
  status: string;
  created_at: number;
  updated_at: number;
}): StoredOrder {
  return {
    init: row.init,
    status: row.status as OrderStatus,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export class OrderEventsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends events in one transaction (all or nothing), in array order; fill events also write
   * their fill. Returns the seq of each. For many concurrent writers use the OrderJournal instead.
   */
  async append(events: readonly OrderEvent[]): Promise<number[]> {
    const prepared = events.map((event) => prepareEntry({ type: 'event', event }));
    if (prepared.length === 0) return [];
    try {
      const seqs = await this.db.transaction().execute((trx) => writeOrderBatch(trx, prepared));
      return seqs as number[];
    } catch (error) {
      throw toStoreError(error, 'order_events: append');
    }
  }

  /** The log in seq order, after `afterSeq` (exclusive), at most `limit` events. */
  async all(options: { afterSeq?: number; limit?: number } = {}): Promise<StoredOrderEvent[]> {
    let query = this.db
      .selectFrom('order_events')
      .select(['seq', 'payload'])
      .where('seq', '>', options.afterSeq ?? 0)
      .orderBy('seq');
    if (options.limit !== undefined) query = query.limit(options.limit);
    const rows = await query.execute();
    return rows.map((row) => ({ seq: Number(row.seq), event: row.payload }));
  }

  /** One order's events in seq order. */
  async forOrder(clientOrderId: ClientOrderId): Promise<StoredOrderEvent[]> {
    const rows = await this.db
      .selectFrom('order_events')
      .select(['seq', 'payload'])
      .where('client_order_id', '=', clientOrderId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({ seq: Number(row.seq), event: row.payload }));
  }

  /** The highest seq written (0 for an empty log). */
  async lastSeq(): Promise<number> {
    const row = await this.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.max('seq').as('max'))
      .executeTakeFirst();
    return row?.max == null ? 0 : Number(row.max);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export class FillsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records fills in one transaction; a (client order id, trade id) already stored refuses the lot (STORE_DUPLICATE). */
  async append(fills: readonly OrderFilled[]): Promise<void> {
    const rows = fills.map(prepareFill);
    if (rows.length === 0) return;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const part of chunks(rows)) await trx.insertInto('fills').values(part).execute();
      });
    } catch (error) {
      throw toStoreError(error, 'fills: append');
    }
  }

  async all(filter: { clientOrderId?: ClientOrderId; strategyId?: StrategyId } = {}): Promise<FillRecord[]> {
    let query = this.db.selectFrom('fills').selectAll();
    if (filter.clientOrderId !== undefined) query = query.where('client_order_id', '=', filter.clientOrderId);
    if (filter.strategyId !== undefined) query = query.where('strategy_id', '=', filter.strategyId);
    const rows = await query.orderBy('id').execute();
    return rows.map(rowToFill);
  }
}
