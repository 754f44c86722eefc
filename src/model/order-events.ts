import type { OrderSide } from './enums.js';
import type { ClientOrderId, InstrumentId, StrategyId, TradeId, VenueOrderId } from './identifiers.js';
import type { UnixMicros } from './time.js';

/** The ids every event of an order carries. */
export interface OrderEventIds {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
}

/** An order's event ids (a copy: events never hold the order itself). */
export function eventIds(order: OrderEventIds): OrderEventIds {
  return {
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
  };
}

interface OrderEventBase extends OrderEventIds {
  /** When it happened (at the venue, or in the kernel for local events). */
  readonly tsEvent: UnixMicros;
  /** When the kernel created the event. */
  readonly tsInit: UnixMicros;
}

/** The risk engine refused the order before it left the kernel. */
export interface OrderDenied extends OrderEventBase {
  readonly kind: 'denied';
  readonly reasonCode: string;
  readonly reason: string;
}
export interface OrderSubmitted extends OrderEventBase {
  readonly kind: 'submitted';
}
export interface OrderAccepted extends OrderEventBase {
  readonly kind: 'accepted';
  readonly venueOrderId: VenueOrderId;
}
/** The venue refused the order. */
export interface OrderRejected extends OrderEventBase {
  readonly kind: 'rejected';
  readonly reasonCode: string;
  readonly reason: string;
}
export interface OrderCanceled extends OrderEventBase {
  readonly kind: 'canceled';
  readonly reason: string;
}
export interface OrderExpired extends OrderEventBase {
  readonly kind: 'expired';
}
/** A stop condition was met: a stop-market now works as market, a stop-limit as limit. */
export interface OrderTriggered extends OrderEventBase {
  readonly kind: 'triggered';
}
export interface OrderPendingUpdate extends OrderEventBase {
  readonly kind: 'pending-update';
}
export interface OrderPendingCancel extends OrderEventBase {
  readonly kind: 'pending-cancel';
}
export interface OrderUpdated extends OrderEventBase {
  readonly kind: 'updated';
  readonly quantity: number;
  readonly price?: number;
  readonly triggerPrice?: number;
}
export interface OrderModifyRejected extends OrderEventBase {
  readonly kind: 'modify-rejected';
  readonly reason: string;
}
export interface OrderCancelRejected extends OrderEventBase {
  readonly kind: 'cancel-rejected';
  readonly reason: string;
}
export interface OrderFilled extends OrderEventBase {
  readonly kind: 'filled';
  readonly venueOrderId: VenueOrderId;
  readonly tradeId: TradeId;
  readonly side: OrderSide;
  readonly lastQuantity: number;
  readonly lastPrice: number;
  /** Commission charged for this fill, in the account currency (already rounded). */
  readonly commission: number;
  readonly liquidity: 'maker' | 'taker';
}

export type OrderEvent =
  | OrderDenied
  | OrderSubmitted
  | OrderAccepted
  | OrderRejected
  | OrderCanceled
  | OrderExpired
  | OrderTriggered
  | OrderPendingUpdate
  | OrderPendingCancel
  | OrderUpdated
  | OrderModifyRejected
  | OrderCancelRejected
  | OrderFilled;

export type OrderEventKind = OrderEvent['kind'];

export const ORDER_EVENT_KINDS: readonly OrderEventKind[] = [
  'denied',
  'submitted',
  'accepted',
  'rejected',
  'canceled',
  'expired',
  'triggered',
  'pending-update',
  'pending-cancel',
  'updated',
  'modify-rejected',
  'cancel-rejected',
  'filled',
];
