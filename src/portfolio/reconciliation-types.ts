/**
 * Shapes of reconciliation: the internal view and the broker's report (the same shapes), the
 * discrepancies found and the corrective events. See reconciliation.ts.
 */
import type { OrderSide, OrderType, TimeInForce } from '../model/enums.js';
import type { ClientOrderId, InstrumentId, StrategyId, TradeId, VenueOrderId } from '../model/identifiers.js';
import type { OrderInit } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import type { OrderStatus } from '../model/order-state.js';
import type { UnixMicros } from '../model/time.js';

/** An order as one side sees it. */
export interface ReconOrder {
  readonly accountId: string;
  /** Our id; the broker knows it when we tag the order with it (IB `orderRef`), else undefined. */
  readonly clientOrderId?: ClientOrderId;
  /** The broker's per-session order id (IB `orderId`). */
  readonly venueOrderId?: VenueOrderId;
  /** The broker's permanent id, stable across sessions and clients (IB `permId`): matched first. */
  readonly externalId?: string;
  /** Internal orders only (default for adopted orders: `options.externalStrategyId`). */
  readonly strategyId?: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  /** Default: 'limit' with a price, else 'market'. */
  readonly type?: OrderType;
  readonly timeInForce?: TimeInForce;
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly status: OrderStatus;
  /** Limit price. */
  readonly price?: number;
  readonly triggerPrice?: number;
  /** Average fill price (needed only when fills must be synthesized without exec ids). */
  readonly averagePrice?: number;
  /** GTD expiry: an order gone from the broker after it is reported expired, not canceled. */
  readonly expireTime?: UnixMicros;
  readonly tags?: readonly string[];
}

/** One execution (fill), keyed by the broker's execution id. */
export interface ReconFill {
  /** The broker's execution id (IB `execId`); our `tradeId`. */
  readonly execId: TradeId;
  readonly accountId: string;
  readonly instrumentId: InstrumentId;
  readonly clientOrderId?: ClientOrderId;
  readonly venueOrderId?: VenueOrderId;
  readonly externalId?: string;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
  readonly commission?: number;
  readonly liquidity?: 'maker' | 'taker';
  readonly tsEvent: UnixMicros;
}

/** A net position per account and instrument. */
export interface ReconPosition {
  readonly accountId: string;
  readonly instrumentId: InstrumentId;
  /** Signed: long > 0, short < 0. */
  readonly quantity: number;
  /** Average open price (0 when flat). */
  readonly averagePrice: number;
}

/** What Bourse believes: its orders (all of them, or at least every non-terminal one), fills, positions. */
export interface InternalSnapshot {
  readonly orders: readonly ReconOrder[];
  readonly fills: readonly ReconFill[];
  readonly positions: readonly ReconPosition[];
}

/** What the broker says. */
export interface BrokerReport {
  /** When the report was taken (stamps the corrective events). */
  readonly ts: UnixMicros;
  /**
   * The broker's orders: every open one, plus completed ones it still reports (IB
   * `reqCompletedOrders`). An internal open order absent here is gone.
   */
  readonly orders: readonly ReconOrder[];
  /** Executions since `executionsSince` (IB `reqExecutions`). */
  readonly executions: readonly ReconFill[];
  readonly executionsSince?: UnixMicros;
  /** Positions; a missing account+instrument is flat. */
  readonly positions: readonly ReconPosition[];
}

export type DiscrepancyKind =
  /** An internal open order the broker does not have open: it is gone (canceled or expired). */
  | 'order-missing-at-broker'
  /** A broker order Bourse did not place (by hand in TWS, another client): adopted as external. */
  | 'order-unknown-internally'
  /** A broker execution whose exec id Bourse has not booked. */
  | 'fill-missing-internally'
  /** Same order, different status or filled quantity (e.g. broker filled, we working). */
  | 'status-mismatch'
  /** Same working order, different quantity or prices (modified outside Bourse). */
  | 'order-amended'
  /** A position the corrective events do not explain. Always unexplained. */
  | 'position-mismatch';

export interface Discrepancy {
  readonly kind: DiscrepancyKind;
  readonly accountId: string;
  readonly instrumentId: InstrumentId;
  readonly clientOrderId?: ClientOrderId;
  readonly externalId?: string;
  readonly execId?: TradeId;
  /** True when the corrective events resolve it; false blocks trading. */
  readonly explained: boolean;
  readonly message: string;
}

/** Adopt an order Bourse did not place: create it from `init`, then apply its events. */
export interface AdoptOrder {
  readonly kind: 'adopt';
  readonly accountId: string;
  readonly init: OrderInit;
  readonly venueOrderId?: VenueOrderId;
  readonly externalId?: string;
}

/** Apply one kernel order event. */
export interface ApplyOrderEvent {
  readonly kind: 'event';
  readonly accountId: string;
  readonly event: OrderEvent;
}

/** The corrective actions, in the order to apply them (an adoption precedes its order's events). */
export type Correction = AdoptOrder | ApplyOrderEvent;

export interface ReconciliationMatch {
  readonly kind: 'order' | 'position';
  readonly accountId: string;
  readonly instrumentId: InstrumentId;
  readonly clientOrderId?: ClientOrderId;
  readonly externalId?: string;
  /** Orders: same status and quantities. Positions: same quantity after the corrections. */
  readonly description: string;
}

export interface ReconciliationReport {
  readonly ts: UnixMicros;
  /** False when any discrepancy is unexplained; `reasons` say which. */
  readonly canTrade: boolean;
  readonly reasons: readonly string[];
  readonly matches: readonly ReconciliationMatch[];
  readonly discrepancies: readonly Discrepancy[];
  readonly corrections: readonly Correction[];
}

export interface ReconciliationOptions {
  /** Strategy id of adopted orders (default 'EXTERNAL'). */
  readonly externalStrategyId?: StrategyId;
  /** Tag put on adopted orders (default 'external'). */
  readonly externalTag?: string;
  /** Prefix of adopted orders' client ids (default 'EXT-'). */
  readonly externalIdPrefix?: string;
}
