import type { Cache } from '../../core/cache.js';
import type { Clock } from '../../core/clock.js';
import type { Log } from '../../core/log.js';
import type { Bar, BarType, TradeTick } from '../../model/data.js';
import type { OrderSide, TimeInForce } from '../../model/enums.js';
import type { InstrumentId, StrategyId } from '../../model/identifiers.js';
import type { Order } from '../../model/order.js';
import type { OrderEvent } from '../../model/order-events.js';
import type { UnixMicros } from '../../model/time.js';
import type { ExecutionQuality } from '../quality.js';

/** What a child order is built with (a subset of the strategy's OrderOptions). */
export interface ChildOrderOptions {
  readonly price?: number;
  readonly timeInForce?: TimeInForce;
  readonly tags: readonly string[];
}

/**
 * What an algorithm needs from the strategy that runs it: the strategy's own order path (ids,
 * risk engine), its order events, the kernel clock and data. `Strategy.execute` builds it.
 */
export interface AlgorithmContext {
  readonly strategyId: StrategyId;
  readonly clock: Clock;
  readonly cache: Cache;
  readonly log: Log;
  /** Builds an order with the strategy's next client order id (not sent). */
  newOrder(instrumentId: InstrumentId, side: OrderSide, quantity: number, options: ChildOrderOptions): Order;
  /** Sends an order through the risk engine, like `Strategy.submit`. */
  submit(order: Order): void;
  cancel(order: Order): void;
  /** Every event of the strategy's orders; returns the unsubscribe function. */
  subscribeOrderEvents(handler: (event: OrderEvent) => void): () => void;
  subscribeBars(barType: BarType, handler: (bar: Bar) => void): () => void;
  subscribeTrades(instrumentId: InstrumentId, handler: (trade: TradeTick) => void): () => void;
  /** Publishes on the kernel's message bus (completion events). */
  publish(topic: string, message: AlgorithmCompleted): void;
  /** A new algorithm id for this strategy, e.g. `twap-1`. */
  nextAlgorithmId(kind: AlgorithmKind): string;
}

export type AlgorithmKind = 'twap' | 'vwap' | 'iceberg' | 'pov';

/**
 * `running` until it ends: `completed` (the whole parent quantity filled), `expired` (its end time
 * came with quantity unfilled), `canceled` (by `cancel()`), `failed` (a child was denied, rejected,
 * or canceled/expired by someone other than the algorithm).
 */
export type AlgorithmStatus = 'running' | 'completed' | 'expired' | 'canceled' | 'failed';

/** Why an algorithm failed: the child order and the code of its denial, rejection or cancel. */
export interface AlgorithmFailure {
  readonly clientOrderId: string;
  /** Risk `DenialCode`, the venue's rejection code, or `CHILD_CANCELED` / `CHILD_EXPIRED`. */
  readonly code: string;
  readonly reason: string;
}

/** Parameters every algorithm takes. */
export interface ParentOrder {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  /** Total (parent) quantity, on the instrument's size grid. */
  readonly quantity: number;
  /** Children are limit orders at this price (on the price grid); market orders without it. */
  readonly limitPrice?: number;
  /** Default `<kind>-<n>`; children carry the tag `algo:<id>`. */
  readonly id?: string;
  /** Extra tags for every child. */
  readonly tags?: readonly string[];
  /** Reference price for the quality report; default: the quote mid (else last price) at start. */
  readonly arrivalPrice?: number;
}

/** Published on `events.algo.<strategyId>` and passed to `onDone` listeners when an algorithm ends. */
export interface AlgorithmCompleted {
  readonly kind: 'algorithm-completed';
  readonly algorithmId: string;
  readonly algorithm: AlgorithmKind;
  readonly strategyId: StrategyId;
  readonly status: Exclude<AlgorithmStatus, 'running'>;
  readonly filledQuantity: number;
  readonly quantity: number;
  readonly failure: AlgorithmFailure | undefined;
  readonly report: ExecutionQuality | undefined;
  readonly tsEvent: UnixMicros;
}

export const algorithmTopic = (strategyId: StrategyId): string => `events.algo.${strategyId}`;

/** What a strategy holds while an algorithm runs. */
export interface AlgorithmHandle {
  readonly id: string;
  readonly kind: AlgorithmKind;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly status: AlgorithmStatus;
  /** True once it has ended and every child is terminal (fills can no longer change). */
  readonly isDone: boolean;
  /** Sum of the children's fills. */
  readonly filledQuantity: number;
  /** Open quantity of the children still open (their leaves). */
  readonly workingQuantity: number;
  /** quantity − filled − working: what may still be sent. */
  readonly unsentQuantity: number;
  readonly averagePrice: number | undefined;
  readonly children: readonly Order[];
  readonly failure: AlgorithmFailure | undefined;
  readonly arrivalPrice: number | undefined;
  /** The quality report taken when the algorithm is done (end price: the last price then). */
  readonly report: ExecutionQuality | undefined;
  /** Quality now, against `endPrice` (default: the last price) for the unfilled rest. */
  quality(endPrice?: number): ExecutionQuality | undefined;
  /** Stops sending and cancels working children; status `canceled` (no-op once ended). */
  cancel(): void;
  /** Called once when done (at once when done already). */
  onDone(listener: (event: AlgorithmCompleted) => void): void;
}

/** What `twap(...)`, `vwap(...)`, `iceberg(...)`, `pov(...)` return, for `Strategy.execute`. */
export interface AlgorithmSpec {
  start(context: AlgorithmContext): AlgorithmHandle;
}
