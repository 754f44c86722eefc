/**
 * Builders for orders and order events in tests: one canonical event per kind, and a valid event
 * path from `initialized` to every order status.
 */
import type { OrderSide, OrderType } from '../../src/model/enums.js';
import { Order, type OrderInit } from '../../src/model/order.js';
import type { OrderEvent, OrderEventKind, OrderFilled } from '../../src/model/order-events.js';
import type { OrderStatus } from '../../src/model/order-state.js';

/** 2023-11-14T22:13:20Z in micros: the start of test time. */
export const T0 = 1_700_000_000_000_000;

let orderSequence = 0;
let eventClock = T0;
let tradeSequence = 0;

/** A new order with a unique id; limit/stop prices default to a buy around 100 on a 0.25 grid. */
export function newOrder(type: OrderType = 'limit', overrides: Partial<OrderInit> = {}): Order {
  orderSequence++;
  const needsPrice = type === 'limit' || type === 'stop-limit' || type === 'limit-if-touched';
  const needsTrigger =
    type === 'stop-market' ||
    type === 'stop-limit' ||
    type === 'market-if-touched' ||
    type === 'limit-if-touched';
  const trailing = type === 'trailing-stop-market' || type === 'trailing-stop-limit';
  return new Order({
    clientOrderId: `T-${String(orderSequence).padStart(6, '0')}`,
    strategyId: 'TEST',
    instrumentId: 'ESZ5.CME',
    side: 'buy',
    type,
    quantity: 10,
    price: needsPrice ? 100.25 : undefined,
    triggerPrice: needsTrigger ? 100 : undefined,
    trailingOffset: trailing ? 2 : undefined,
    limitOffset: type === 'trailing-stop-limit' ? 1 : undefined,
    timeInForce: 'GTC',
    tsInit: T0,
    ...overrides,
  });
}

export interface EventOptions {
  /** `filled`: quantity of this fill (default 1). */
  readonly lastQuantity?: number;
  /** `filled`: price of this fill (default 100). */
  readonly lastPrice?: number;
  /** `filled`: commission of this fill (default 0). */
  readonly commission?: number;
  /** `filled`: side of the fill (default the order's side). */
  readonly side?: OrderSide;
  /** `updated`: the new quantity (default the order's quantity + 5). */
  readonly quantity?: number;
  /** `updated`: the new limit price. */
  readonly price?: number;
  /** `updated`: the new trigger price. */
  readonly triggerPrice?: number;
}

/** The canonical event of `kind` for `order`; each call is one microsecond later than the last. */
export function orderEvent(order: Order, kind: OrderEventKind, options: EventOptions = {}): OrderEvent {
  eventClock++;
  const base = {
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    tsEvent: eventClock,
    tsInit: eventClock,
  };
  switch (kind) {
    case 'denied':
      return { kind, ...base, reasonCode: 'TEST_DENIAL', reason: 'denied by the test' };
    case 'rejected':
      return { kind, ...base, reasonCode: 'TEST_REJECTION', reason: 'rejected by the test venue' };
    case 'accepted':
      return { kind, ...base, venueOrderId: `V-${order.clientOrderId}` };
    case 'canceled':
    case 'modify-rejected':
    case 'cancel-rejected':
      return { kind, ...base, reason: `${kind} by the test` };
    case 'updated':
      return {
        kind,
        ...base,
        quantity: options.quantity ?? order.quantity + 5,
        price: options.price,
        triggerPrice: options.triggerPrice,
      };
    case 'filled':
      return fillEvent(order, options.lastQuantity ?? 1, options.lastPrice ?? 100, options);
    default:
      return { kind, ...base };
  }
}

export function fillEvent(
  order: Order,
  lastQuantity: number,
  lastPrice: number,
  options: { commission?: number; side?: OrderSide } = {},
): OrderFilled {
  eventClock++;
  tradeSequence++;
  return {
    kind: 'filled',
    clientOrderId: order.clientOrderId,
    strategyId: order.strategyId,
    instrumentId: order.instrumentId,
    venueOrderId: order.venueOrderId ?? `V-${order.clientOrderId}`,
    tradeId: `TRD-${tradeSequence}`,
    side: options.side ?? order.side,
    lastQuantity,
    lastPrice,
    commission: options.commission ?? 0,
    liquidity: 'taker',
    tsEvent: eventClock,
    tsInit: eventClock,
  };
}

/** One step of a path: an event kind, or a fill of a quantity. */
export type PathStep = OrderEventKind | { readonly fill: number };

/** A valid event path from `initialized` to each status, for an order of quantity 10. */
export const PATH_TO: Readonly<Record<OrderStatus, readonly PathStep[]>> = {
  initialized: [],
  denied: ['denied'],
  submitted: ['submitted'],
  accepted: ['submitted', 'accepted'],
  rejected: ['submitted', 'rejected'],
  canceled: ['submitted', 'accepted', 'canceled'],
  expired: ['submitted', 'accepted', 'expired'],
  triggered: ['submitted', 'accepted', 'triggered'],
  'pending-update': ['submitted', 'accepted', 'pending-update'],
  'pending-cancel': ['submitted', 'accepted', 'pending-cancel'],
  'partially-filled': ['submitted', 'accepted', { fill: 3 }],
  filled: ['submitted', 'accepted', { fill: 10 }],
};

/** Applies each step to the order (throws if the order model refuses one). */
export function applySteps(order: Order, steps: readonly PathStep[]): Order {
  for (const step of steps) {
    order.apply(typeof step === 'string' ? orderEvent(order, step) : fillEvent(order, step.fill, 100));
  }
  return order;
}

/** Drives an order into `status` through PATH_TO, and checks it got there. */
export function driveTo(order: Order, status: OrderStatus): Order {
  applySteps(order, PATH_TO[status]);
  if (order.status !== status) throw new Error(`test path to ${status} ended in ${order.status}`);
  return order;
}

/** Everything observable about an order, to check that a refused event changed nothing. */
export function snapshot(order: Order): Record<string, unknown> {
  return {
    status: order.status,
    quantity: order.quantity,
    filledQuantity: order.filledQuantity,
    leavesQuantity: order.leavesQuantity,
    price: order.price,
    triggerPrice: order.triggerPrice,
    averagePrice: order.averagePrice,
    commission: order.commission,
    isTriggered: order.isTriggered,
    venueOrderId: order.venueOrderId,
    tsLast: order.tsLast,
    eventCount: order.events.length,
  };
}
