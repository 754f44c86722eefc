import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import { NotFoundError } from '../core/errors.js';
import { type OrderType, TRIGGERED_TYPES } from '../model/enums.js';
import type { StrategyId } from '../model/identifiers.js';
import type { Order } from '../model/order.js';
import { eventIds, type OrderEvent } from '../model/order-events.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { type LocalRelease, OrderEmulator } from './emulator.js';
import { arrivalPriceOf } from './quality.js';

/** New values for a working order; omitted fields stay as they are. */
export interface OrderChanges {
  readonly quantity?: number;
  readonly price?: number;
  readonly triggerPrice?: number;
}

/** A venue: the simulated exchange in backtest and paper, a broker adapter live. */
export interface ExecutionClient {
  readonly venue: string;
  /**
   * Order types the venue takes; others that can be emulated (stops, if-touched, trailing) are
   * held by the kernel's OrderEmulator and sent as market/limit orders when they trigger.
   * Undefined: every type.
   */
  readonly supportedOrderTypes?: ReadonlySet<OrderType>;
  /**
   * Sends an order. With `release`, the order was held and triggered locally (already accepted):
   * the venue trades it as that plain market or limit order and acknowledges nothing more.
   */
  submitOrder(order: Order, release?: LocalRelease): void;
  cancelOrder(order: Order): void;
  modifyOrder(order: Order, changes: OrderChanges): void;
  /**
   * Optional: a native bracket. `parent` and its `children` (one OCO group, held by the venue until
   * the parent fills) are sent together; the venue then triggers and cancels the children itself.
   */
  submitBracket?(parent: Order, children: readonly Order[]): void;
}

/** Where the engine finds brackets to send natively (the kernel's ContingencyManager). */
export interface BracketSource {
  /** The children of `parent` if they form one OCO group, all unsent (a bracket); else undefined. */
  bracketOf(parent: Order): readonly Order[] | undefined;
  /** The venue now manages this bracket: stop emulating its OTO and OCO links. */
  handOver(parent: Order, children: readonly Order[]): void;
}

export const orderTopic = (strategyId: StrategyId): string => `events.order.${strategyId}`;

/**
 * Sends order commands to the venue's execution client and applies the events that come back:
 * each event moves the order through its state machine, fills are booked by the portfolio, and
 * the event is published to the owning strategy on `events.order.<strategyId>`.
 */
export class ExecutionEngine {
  private readonly clients = new Map<string, ExecutionClient>();
  eventCount = 0;
  /** Cancel/modify refusals that arrived after their order had ended (published, not applied). */
  lateRejections = 0;

  /** Holds order types a venue lacks until they trigger. */
  readonly emulator: OrderEmulator;

  constructor(
    private readonly bus: MessageBus,
    private readonly cache: Cache,
    private readonly clock: Clock,
    private readonly portfolio: Portfolio,
  ) {
    this.emulator = new OrderEmulator(
      cache,
      clock,
      bus,
      (event) => this.process(event),
      (order, release) => this.clientFor(order).submitOrder(order, release),
    );
  }

  registerClient(client: ExecutionClient): void {
    if (this.clients.has(client.venue))
      throw new RangeError(`an execution client for venue '${client.venue}' is registered already`);
    this.clients.set(client.venue, client);
  }

  /** Brackets sent natively to venues whose client has `submitBracket` (set by the kernel). */
  brackets: BracketSource | undefined;

  /** Sends an order that passed risk to its venue. */
  submit(order: Order): void {
    const client = this.clientFor(order);
    const children = this.nativeBracketOf(client, order);
    const now = this.clock.now();
    this.process({ kind: 'submitted', ...eventIds(order), tsEvent: now, tsInit: now });
    order.arrivalPrice = arrivalPriceOf(this.cache, order.instrumentId);
    if (children !== undefined) {
      this.brackets!.handOver(order, children);
      for (const child of children) {
        this.process({ kind: 'submitted', ...eventIds(child), tsEvent: now, tsInit: now });
        child.arrivalPrice = order.arrivalPrice;
      }
      client.submitBracket!(order, children);
      return;
    }
    if (this.needsEmulation(client, order)) this.emulator.hold(order);
    else client.submitOrder(order);
  }

  private needsEmulation(client: ExecutionClient, order: Order): boolean {
    const supported = client.supportedOrderTypes;
    return supported !== undefined && !supported.has(order.type) && TRIGGERED_TYPES.has(order.type);
  }

  /** A bracket the venue can take whole: it has `submitBracket` and takes every leg's type. */
  private nativeBracketOf(client: ExecutionClient, parent: Order): readonly Order[] | undefined {
    if (client.submitBracket === undefined || this.brackets === undefined) return undefined;
    const children = this.brackets.bracketOf(parent);
    if (children === undefined) return undefined;
    for (const order of [parent, ...children]) {
      if (this.needsEmulation(client, order)) return undefined;
      const venue = this.cache.requireInstrument(order.instrumentId).venue;
      if (venue !== client.venue) return undefined;
    }
    return children;
  }

  /** Refuses an order before it leaves the kernel (risk denial). */
  deny(order: Order, reasonCode: string, reason: string): void {
    const now = this.clock.now();
    this.process({ kind: 'denied', ...eventIds(order), reasonCode, reason, tsEvent: now, tsInit: now });
  }

  cancel(order: Order): void {
    if (!order.isOpen) return;
    const now = this.clock.now();
    if (order.status === 'initialized') {
      this.process({
        kind: 'canceled',
        ...eventIds(order),
        reason: 'canceled before submission',
        tsEvent: now,
        tsInit: now,
      });
      return;
    }
    if (order.status !== 'pending-cancel')
      this.process({ kind: 'pending-cancel', ...eventIds(order), tsEvent: now, tsInit: now });
    if (this.emulator.holds(order)) this.emulator.cancel(order);
    else this.clientFor(order).cancelOrder(order);
  }

  modify(order: Order, changes: OrderChanges): void {
    if (!order.isWorking)
      throw new RangeError(
        `order ${order.clientOrderId} is ${order.status}: only working orders can be modified`,
      );
    const now = this.clock.now();
    this.process({ kind: 'pending-update', ...eventIds(order), tsEvent: now, tsInit: now });
    if (this.emulator.holds(order)) this.emulator.modify(order, changes);
    else this.clientFor(order).modifyOrder(order, changes);
  }

  /** Applies a venue or local event to its order, books fills, and publishes the event. */
  process(event: OrderEvent): void {
    const order = this.cache.order(event.clientOrderId);
    if (!order) throw new NotFoundError('order', event.clientOrderId);
    // A cancel or modify that crossed a fill in flight: the venue's refusal of it arrives after
    // the order ended. The strategy hears of it; the order (already terminal) does not change.
    if (order.isTerminal && (event.kind === 'cancel-rejected' || event.kind === 'modify-rejected')) {
      this.lateRejections++;
      this.bus.publish(orderTopic(order.strategyId), event);
      return;
    }
    order.apply(event);
    this.cache.updateOrder(order);
    this.eventCount++;
    if (event.kind === 'filled') this.portfolio.applyFill(order, event);
    this.bus.publish(orderTopic(order.strategyId), event);
    this.onOrderEvent?.(order, event);
  }

  /** Called after each event is applied and published (the kernel's contingency manager). */
  onOrderEvent: ((order: Order, event: OrderEvent) => void) | undefined;

  private clientFor(order: Order): ExecutionClient {
    const instrument = this.cache.requireInstrument(order.instrumentId);
    const client = this.clients.get(instrument.venue);
    if (!client)
      throw new RangeError(
        `no execution client for venue '${instrument.venue}' (order ${order.clientOrderId})`,
      );
    return client;
  }
}
