import type { LocalRelease } from '../execution/emulator.js';
import type { OrderSide, OrderType, TrailingOffsetType } from '../model/enums.js';
import type { Order } from '../model/order.js';
import type { UnixMicros } from '../model/time.js';
import type { AuctionTarget } from './auctions.js';
import type { TrailingHolder, TrailState } from './bar-fills.js';

export type Liquidity = 'maker' | 'taker';

/** Quantity still available to our orders on the current data point (shared by all of them). */
export interface Capacity {
  left: number;
  /** Quotes: quantity taken at each synthetic level beyond the touch (index = ticks away). */
  beyond?: number[];
}

/** No cap: shared, since Infinity minus any fill stays Infinity (no allocation per bar). */
export const UNLIMITED: Capacity = { left: Number.POSITIVE_INFINITY };

/**
 * An order as the venue knows it. With latency the kernel's `Order` lags behind the venue (events
 * are in flight), so matching reads the venue's own copy of what can change.
 */
export class WorkingOrder implements TrailingHolder {
  readonly type: OrderType;
  readonly side: OrderSide;
  readonly trailingOffset: number | undefined;
  readonly trailingOffsetType: TrailingOffsetType;
  readonly limitOffset: number | undefined;
  quantity: number;
  filled = 0;
  price: number | undefined;
  triggerPrice: number | undefined;
  isTriggered: boolean;
  /** UTC or session day a DAY order trades on: the trading day it arrived in. */
  readonly day: number;
  /** Has it seen data yet? (A limit a bar opens through right after arrival takes liquidity.) */
  seen = false;
  /** Did the quote current at arrival already cross its limit? (Then it takes liquidity.) */
  crossedOnArrival = false;
  trail: TrailState | undefined;
  readonly auction: AuctionTarget | undefined;
  /** Id of this order in the instrument's L3 matcher while it rests there (0: not in a book). */
  bookId = 0;

  constructor(
    readonly order: Order,
    /** Clock time the order reached the venue: it can fill only on data after this. */
    readonly arrival: UnixMicros,
    auction: AuctionTarget | undefined,
    /** Trading day of arrival (DAY orders expire after it). */
    day: number,
    /** An order the kernel held and triggered: traded as this plain market or limit order. */
    release?: LocalRelease,
  ) {
    this.type = release?.type ?? order.type;
    this.side = order.side;
    this.trailingOffset = order.trailingOffset;
    this.trailingOffsetType = order.trailingOffsetType;
    this.limitOffset = order.limitOffset;
    this.quantity = order.quantity;
    this.filled = order.filledQuantity;
    this.price = release ? release.price : order.price;
    this.triggerPrice = release ? undefined : order.triggerPrice;
    this.isTriggered = release ? false : order.isTriggered;
    this.auction = auction;
    this.day = day;
  }

  get leaves(): number {
    return this.quantity - this.filled;
  }
}
