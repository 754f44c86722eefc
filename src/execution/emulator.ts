import {
  decideOnPath,
  moveTrail,
  PricePath,
  type TrailingHolder,
  type TrailState,
} from '../backtest/bar-fills.js';
import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import { quoteTopic, tradeTopic } from '../data/engine.js';
import type { Bar, QuoteTick, TradeTick } from '../model/data.js';
import { LIMIT_TYPES, type OrderSide, type OrderType, type TrailingOffsetType } from '../model/enums.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Order } from '../model/order.js';
import { eventIds, type OrderEvent } from '../model/order-events.js';
import type { UnixMicros } from '../model/time.js';

/** How a locally held order is finally sent: as a plain market or limit order, already accepted. */
export interface LocalRelease {
  readonly type: 'market' | 'limit';
  readonly price?: number;
}

/** Runs before strategies' handlers for the same data, so a trigger is sent as early as possible. */
const EMULATOR_PRIORITY = 1_000;

/** The emulator's copy of what can change on a held order (trailing stops move it). */
class HeldOrder implements TrailingHolder {
  readonly type: OrderType;
  readonly side: OrderSide;
  readonly trailingOffset: number | undefined;
  readonly trailingOffsetType: TrailingOffsetType;
  readonly limitOffset: number | undefined;
  price: number | undefined;
  triggerPrice: number | undefined;
  readonly isTriggered = false;
  trail: TrailState | undefined;

  constructor(readonly order: Order) {
    this.type = order.type;
    this.side = order.side;
    this.trailingOffset = order.trailingOffset;
    this.trailingOffsetType = order.trailingOffsetType;
    this.limitOffset = order.limitOffset;
    this.price = order.price;
    this.triggerPrice = order.triggerPrice;
  }
}

/**
 * Emulates order types a venue does not take (stops, if-touched, trailing stops): the order is
 * held in the kernel, acknowledged locally (venue order id `EMULATED-n`), watched against the
 * instrument's trades, quotes (buys at the ask, sells at the bid) and bars with the simulated
 * exchange's own trigger rules (bar-fills.ts), and on trigger sent to the venue as a market order
 * (stop-market, market-if-touched, trailing-stop-market) or a limit at its limit price (stop-limit,
 * limit-if-touched, trailing-stop-limit). Trailing triggers move locally (`updated` events).
 *
 * An emulated stop reaches the venue one data point after the price that triggered it: it fills
 * on the next data, as a stop held by a client (not the exchange) would.
 */
export class OrderEmulator {
  private readonly held = new Map<Order, HeldOrder>();
  private readonly byInstrument = new Map<InstrumentId, HeldOrder[]>();
  private readonly watched = new Set<InstrumentId>();
  private readonly path = new PricePath();
  private sequence = 0;

  constructor(
    private readonly cache: Cache,
    private readonly clock: Clock,
    private readonly bus: MessageBus,
    /** Applies a locally generated event to its order (the execution engine's `process`). */
    private readonly emit: (event: OrderEvent) => void,
    /** Sends a triggered order to its venue. */
    private readonly release: (order: Order, release: LocalRelease) => void,
  ) {}

  holds(order: Order): boolean {
    return this.held.has(order);
  }

  get heldCount(): number {
    return this.held.size;
  }

  /** Takes a submitted order that its venue cannot hold: acknowledges it and starts watching. */
  hold(order: Order): void {
    const held = new HeldOrder(order);
    this.held.set(order, held);
    let list = this.byInstrument.get(order.instrumentId);
    if (list === undefined) {
      list = [];
      this.byInstrument.set(order.instrumentId, list);
    }
    list.push(held);
    this.watch(order.instrumentId);
    this.emit({
      kind: 'accepted',
      ...eventIds(order),
      venueOrderId: `EMULATED-${++this.sequence}`,
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    });
    if (
      held.trail === undefined &&
      (order.type === 'trailing-stop-market' || order.type === 'trailing-stop-limit')
    ) {
      const last = this.cache.lastPrice(order.instrumentId);
      if (last !== undefined)
        this.evaluate(held, this.path.point(this.grid(order).toTicks(last)), this.clock.now());
    }
  }

  cancel(order: Order): void {
    if (!this.drop(order)) return;
    this.emit({
      kind: 'canceled',
      ...eventIds(order),
      reason: 'canceled by request',
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    });
  }

  modify(order: Order, changes: { quantity?: number; price?: number; triggerPrice?: number }): void {
    const held = this.held.get(order);
    if (held === undefined) return;
    if (changes.price !== undefined) held.price = changes.price;
    if (changes.triggerPrice !== undefined) held.triggerPrice = changes.triggerPrice;
    this.emit({
      kind: 'updated',
      ...eventIds(order),
      quantity: changes.quantity ?? order.quantity,
      price: changes.price,
      triggerPrice: changes.triggerPrice,
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    });
  }

  private watch(instrumentId: InstrumentId): void {
    if (this.watched.has(instrumentId)) return;
    this.watched.add(instrumentId);
    this.bus.subscribe<TradeTick>(
      tradeTopic(instrumentId),
      (t) => this.onPrice(instrumentId, t.price, t.price, t.tsEvent),
      EMULATOR_PRIORITY,
    );
    this.bus.subscribe<QuoteTick>(
      quoteTopic(instrumentId),
      (q) => this.onPrice(instrumentId, q.askPrice, q.bidPrice, q.tsEvent),
      EMULATOR_PRIORITY,
    );
    this.bus.subscribe<Bar>(`data.bars.${instrumentId}-*`, (b) => this.onBar(b), EMULATOR_PRIORITY);
  }

  private onPrice(instrumentId: InstrumentId, buyPrice: number, sellPrice: number, time: UnixMicros): void {
    const list = this.byInstrument.get(instrumentId);
    if (list === undefined || list.length === 0) return;
    const grid = this.cache.requireInstrument(instrumentId).priceGrid;
    for (const held of list.slice()) {
      const price = held.side === 'buy' ? buyPrice : sellPrice;
      this.evaluate(held, this.path.point(grid.toTicks(price)), time);
    }
  }

  private onBar(bar: Bar): void {
    const instrumentId = bar.barType.instrumentId;
    const list = this.byInstrument.get(instrumentId);
    if (list === undefined || list.length === 0) return;
    const grid = this.cache.requireInstrument(instrumentId).priceGrid;
    const path = this.path.fromBar(bar, grid, 'proximity');
    for (const held of list.slice()) this.evaluate(held, path, bar.tsEvent);
  }

  /** Checks one held order against a price path: trails it, or releases it when triggered. */
  private evaluate(held: HeldOrder, path: PricePath, time: UnixMicros): void {
    const order = held.order;
    if (!order.isOpen) {
      this.drop(order);
      return;
    }
    const grid = this.grid(order);
    const decision = decideOnPath(held, path, grid, held.trail);
    if (decision.trail !== undefined) this.trail(held, decision.trail);
    if (!decision.triggered && decision.price === undefined) return;
    this.drop(order);
    this.emit({ kind: 'triggered', ...eventIds(order), tsEvent: time, tsInit: this.clock.now() });
    const limit = LIMIT_TYPES.has(held.type);
    this.release(order, limit ? { type: 'limit', price: held.price } : { type: 'market' });
  }

  private trail(held: HeldOrder, trail: TrailState): void {
    const moved = moveTrail(held, trail, this.grid(held.order));
    if (moved === undefined) return;
    this.emit({
      kind: 'updated',
      ...eventIds(held.order),
      quantity: held.order.quantity,
      ...moved,
      tsEvent: this.clock.now(),
      tsInit: this.clock.now(),
    });
  }

  private drop(order: Order): boolean {
    const held = this.held.get(order);
    if (held === undefined) return false;
    this.held.delete(order);
    const list = this.byInstrument.get(order.instrumentId)!;
    list.splice(list.indexOf(held), 1);
    return true;
  }

  private grid(order: Order) {
    return this.cache.requireInstrument(order.instrumentId).priceGrid;
  }
}
