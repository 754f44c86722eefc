import { InvalidStateTransition } from '../core/errors.js';
import {
  LIMIT_TYPES,
  type OrderSide,
  type OrderType,
  type TimeInForce,
  TRAILING_TYPES,
  TRIGGERED_TYPES,
  type TrailingOffsetType,
} from './enums.js';
import type { ClientOrderId, InstrumentId, StrategyId, VenueOrderId } from './identifiers.js';
import type { OrderEvent, OrderFilled } from './order-events.js';
import { type OrderStatus, TERMINAL_STATUSES, transitionTarget, WORKING_STATUSES } from './order-state.js';
import type { UnixMicros } from './time.js';

export interface OrderInit {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  /** Limit price (limit, stop-limit). */
  readonly price?: number;
  /** Stop trigger price (stop-market, stop-limit). */
  readonly triggerPrice?: number;
  readonly timeInForce: TimeInForce;
  /** GTD orders expire at this time. */
  readonly expireTime?: UnixMicros;
  /** Trailing stops: distance of the trigger from the best price since submission. */
  readonly trailingOffset?: number;
  readonly trailingOffsetType?: TrailingOffsetType;
  /**
   * Trailing stop-limit: distance of the limit beyond the trigger (same unit as the trailing
   * offset; a sell's limit is below its trigger, a buy's above). Moves with the trigger.
   */
  readonly limitOffset?: number;
  /** Only ever reduce an open position (the risk engine denies anything else). */
  readonly reduceOnly?: boolean;
  /** Limit orders: never take liquidity; the venue cancels the order rather than let it cross. */
  readonly postOnly?: boolean;
  /** Limit orders: show only this much at a time (iceberg); the rest refills as it fills. */
  readonly displayQuantity?: number;
  /** Hedging OMS: the position this order closes or adds to (ignored by netting; docs/portfolio.md). */
  readonly positionId?: string;
  readonly tsInit: UnixMicros;
  readonly tags?: readonly string[];
}

/**
 * An order and its history. State changes only by applying events, through one transition table
 * (order-state.ts); an event the current state does not allow throws InvalidStateTransition.
 */
export class Order {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly expireTime: UnixMicros | undefined;
  readonly trailingOffset: number | undefined;
  readonly trailingOffsetType: TrailingOffsetType;
  readonly limitOffset: number | undefined;
  readonly reduceOnly: boolean;
  readonly postOnly: boolean;
  readonly displayQuantity: number | undefined;
  /** Hedging OMS: the position this order closes or adds to. */
  readonly positionId: string | undefined;
  readonly tsInit: UnixMicros;
  readonly tags: readonly string[];

  quantity: number;
  price: number | undefined;
  triggerPrice: number | undefined;
  status: OrderStatus = 'initialized';
  venueOrderId: VenueOrderId | undefined;
  filledQuantity = 0;
  /** Volume-weighted average fill price (undefined before the first fill). */
  averagePrice: number | undefined;
  /** Commissions of all fills, in the account currency. */
  commission = 0;
  isTriggered = false;
  /** Market price when the order was sent (quote mid, else last price), for execution quality. */
  arrivalPrice: number | undefined;
  tsLast: UnixMicros;
  readonly events: OrderEvent[] = [];
  /** Working status to return to when a pending update/cancel resolves. */
  private resumeStatus: OrderStatus = 'accepted';
  private notional = 0;

  constructor(init: OrderInit) {
    if (!(init.quantity > 0))
      throw new RangeError(`order ${init.clientOrderId}: quantity must be positive, got ${init.quantity}`);
    checkOrderInit(init);
    // A trailing stop-limit's limit is set by the venue with its trigger, like the trigger itself.
    const needsPrice = LIMIT_TYPES.has(init.type) && init.type !== 'trailing-stop-limit';
    const trailing = TRAILING_TYPES.has(init.type);
    // A trailing stop's trigger is optional: the venue sets it from the market when it accepts the order.
    const needsTrigger = TRIGGERED_TYPES.has(init.type) && !trailing;
    if (trailing !== (init.trailingOffset !== undefined)) {
      throw new RangeError(
        `order ${init.clientOrderId}: ${trailing ? 'a trailing stop needs' : 'only a trailing stop takes'} a trailing offset`,
      );
    }
    if (trailing && !(init.trailingOffset! > 0)) {
      throw new RangeError(
        `order ${init.clientOrderId}: trailing offset must be positive, got ${init.trailingOffset}`,
      );
    }
    if ((init.timeInForce === 'GTD') !== (init.expireTime !== undefined)) {
      throw new RangeError(
        `order ${init.clientOrderId}: ${init.timeInForce === 'GTD' ? 'GTD needs' : 'only GTD takes'} an expire time`,
      );
    }
    if (needsPrice !== (init.price !== undefined) && !trailing) {
      throw new RangeError(
        `order ${init.clientOrderId}: a ${init.type} order ${needsPrice ? 'needs' : 'takes no'} price`,
      );
    }
    if (!trailing && needsTrigger !== (init.triggerPrice !== undefined)) {
      throw new RangeError(
        `order ${init.clientOrderId}: a ${init.type} order ${needsTrigger ? 'needs' : 'takes no'} trigger price`,
      );
    }
    this.clientOrderId = init.clientOrderId;
    this.strategyId = init.strategyId;
    this.instrumentId = init.instrumentId;
    this.side = init.side;
    this.type = init.type;
    this.quantity = init.quantity;
    this.price = init.price;
    this.triggerPrice = init.triggerPrice;
    this.timeInForce = init.timeInForce;
    this.expireTime = init.expireTime;
    this.trailingOffset = init.trailingOffset;
    this.trailingOffsetType = init.trailingOffsetType ?? 'price';
    this.limitOffset = init.limitOffset;
    this.reduceOnly = init.reduceOnly ?? false;
    this.postOnly = init.postOnly ?? false;
    this.displayQuantity = init.displayQuantity;
    this.positionId = init.positionId;
    this.tsInit = init.tsInit;
    this.tsLast = init.tsInit;
    this.tags = init.tags ?? [];
  }

  get leavesQuantity(): number {
    return this.quantity - this.filledQuantity;
  }

  get isTerminal(): boolean {
    return TERMINAL_STATUSES.has(this.status);
  }

  /** Live at the venue: can still fill, be modified or canceled. */
  get isWorking(): boolean {
    return WORKING_STATUSES.has(this.status);
  }

  /** Not yet terminal (includes initialized and submitted). */
  get isOpen(): boolean {
    return !this.isTerminal;
  }

  /** Waits for a trigger price (stops, if-touched orders, trailing stops): can be `triggered`. */
  get isStop(): boolean {
    return TRIGGERED_TYPES.has(this.type);
  }

  /** Takes part only in the session's opening (`open`) or closing (`close`) price, or neither. */
  get auction(): 'open' | 'close' | undefined {
    if (this.type === 'market-on-open' || this.timeInForce === 'AT_THE_OPEN') return 'open';
    if (this.type === 'market-on-close' || this.timeInForce === 'AT_THE_CLOSE') return 'close';
    return undefined;
  }

  /** Whether `event` would be accepted in the current state (without applying it). */
  canApply(event: OrderEvent): boolean {
    return this.nextStatus(event) !== undefined;
  }

  /** Applies an event; throws InvalidStateTransition when the state machine forbids it. */
  apply(event: OrderEvent): void {
    if (event.clientOrderId !== this.clientOrderId) {
      throw new RangeError(`event for ${event.clientOrderId} applied to order ${this.clientOrderId}`);
    }
    const next = this.nextStatus(event);
    if (next === undefined) {
      const detail =
        event.kind === 'updated' && transitionTarget(this.status, event.kind) !== undefined
          ? `updated quantity ${event.quantity} ${event.quantity > 0 ? `below filled ${this.filledQuantity}` : 'must be positive'}`
          : undefined;
      throw new InvalidStateTransition(`order ${this.clientOrderId}`, this.status, event.kind, detail);
    }
    switch (event.kind) {
      case 'accepted':
        this.venueOrderId = event.venueOrderId;
        // A late ack while a request is pending: that request now resumes to `accepted`.
        if (this.resumeStatus === 'submitted') this.resumeStatus = 'accepted';
        break;
      case 'triggered':
        this.isTriggered = true;
        break;
      case 'updated':
        this.quantity = event.quantity;
        if (event.price !== undefined) this.price = event.price;
        if (event.triggerPrice !== undefined) this.triggerPrice = event.triggerPrice;
        break;
      case 'filled':
        this.applyFill(event);
        break;
      default:
        break;
    }
    if (next === 'pending-update' || next === 'pending-cancel') {
      if (this.status !== 'pending-update' && this.status !== 'pending-cancel')
        this.resumeStatus = this.status;
    }
    this.status = next;
    this.tsLast = event.tsEvent;
    this.events.push(event);
  }

  private nextStatus(event: OrderEvent): OrderStatus | undefined {
    const target = transitionTarget(this.status, event.kind);
    if (target === undefined) return undefined;
    if (event.kind === 'triggered' && !this.isStop) return undefined;
    if (target === 'fill') {
      if (event.kind !== 'filled' || !(event.lastQuantity > 0)) return undefined;
      const remaining = this.leavesQuantity - event.lastQuantity;
      if (remaining < -1e-9 * this.quantity) return undefined; // overfill
      return remaining > 1e-9 * this.quantity ? 'partially-filled' : 'filled';
    }
    if (event.kind === 'updated' && !(event.quantity > 0 && event.quantity >= this.filledQuantity))
      return undefined;
    const pending = this.status === 'pending-update' || this.status === 'pending-cancel';
    const base = pending ? this.resumeStatus : this.status;
    if (target === 'resume') {
      if (event.kind === 'updated' && event.quantity === this.filledQuantity) return 'filled';
      // A late ack of an order the venue had not acknowledged: the pending request stays pending.
      if (event.kind === 'accepted' && base === 'submitted') return pending ? this.status : 'accepted';
      return base;
    }
    if (target === 'ack') return base === 'submitted' ? this.status : undefined;
    if (target === 'reject-unacked') return base === 'submitted' ? 'rejected' : undefined;
    return target;
  }

  private applyFill(fill: OrderFilled): void {
    if (fill.side !== this.side)
      throw new RangeError(`order ${this.clientOrderId}: fill side ${fill.side} is not ${this.side}`);
    this.venueOrderId ??= fill.venueOrderId;
    this.notional += fill.lastQuantity * fill.lastPrice;
    this.filledQuantity += fill.lastQuantity;
    // Snap to the exact quantity when float sums land within noise of it.
    if (Math.abs(this.filledQuantity - this.quantity) <= 1e-9 * this.quantity)
      this.filledQuantity = this.quantity;
    this.averagePrice = this.notional / this.filledQuantity;
    this.commission += fill.commission;
  }
}

/** Checks of the newer order fields (flags, trailing stop-limit, auction orders). */
function checkOrderInit(init: OrderInit): void {
  const id = init.clientOrderId;
  const limitType = LIMIT_TYPES.has(init.type);
  if (init.postOnly && !limitType)
    throw new RangeError(`order ${id}: post-only needs a limit order, not ${init.type}`);
  if (init.displayQuantity !== undefined) {
    if (!limitType)
      throw new RangeError(`order ${id}: a display quantity needs a limit order, not ${init.type}`);
    if (!(init.displayQuantity > 0 && init.displayQuantity <= init.quantity)) {
      throw new RangeError(
        `order ${id}: display quantity must be > 0 and <= quantity ${init.quantity}, got ${init.displayQuantity}`,
      );
    }
  }
  if ((init.type === 'trailing-stop-limit') !== (init.limitOffset !== undefined)) {
    throw new RangeError(
      `order ${id}: ${init.type === 'trailing-stop-limit' ? 'a trailing stop-limit needs' : 'only a trailing stop-limit takes'} a limit offset`,
    );
  }
  if (init.limitOffset !== undefined && !(init.limitOffset >= 0))
    throw new RangeError(`order ${id}: limit offset must be >= 0, got ${init.limitOffset}`);
  const auctionType = init.type === 'market-on-open' || init.type === 'market-on-close';
  if (auctionType && init.timeInForce !== 'DAY' && init.timeInForce !== 'GTC') {
    throw new RangeError(
      `order ${id}: a ${init.type} order takes time in force DAY or GTC, not ${init.timeInForce}`,
    );
  }
  const auctionTif = init.timeInForce === 'AT_THE_OPEN' || init.timeInForce === 'AT_THE_CLOSE';
  if (auctionTif && init.type !== 'market' && init.type !== 'limit') {
    throw new RangeError(
      `order ${id}: ${init.timeInForce} applies to market and limit orders, not ${init.type}`,
    );
  }
}
