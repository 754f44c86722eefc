import type { OrderInit } from '../../src/model/order.js';
import type { OrderEvent, OrderFilled } from '../../src/model/order-events.js';

let counter = 0;
/** A client order id unique within the process (tests share one store per engine). */
export function nextId(prefix = 'O'): string {
  counter++;
  return `${prefix}-${process.pid}-${counter}`;
}

export function limitOrder(clientOrderId: string, tsInit = 1_700_000_000_000_000): OrderInit {
  return {
    clientOrderId,
    strategyId: 'SMA-1',
    instrumentId: 'ESZ5.CME',
    side: 'buy',
    type: 'limit',
    quantity: 3,
    price: 5000.25,
    timeInForce: 'GTC',
    tsInit,
    tags: ['entry'],
  };
}

export function ids(init: OrderInit) {
  return { clientOrderId: init.clientOrderId, strategyId: init.strategyId, instrumentId: init.instrumentId };
}

export function submitted(init: OrderInit, ts: number): OrderEvent {
  return { kind: 'submitted', ...ids(init), tsEvent: ts, tsInit: ts };
}

export function accepted(init: OrderInit, ts: number): OrderEvent {
  return {
    kind: 'accepted',
    ...ids(init),
    venueOrderId: `V-${init.clientOrderId}`,
    tsEvent: ts,
    tsInit: ts + 1,
  };
}

export function filled(init: OrderInit, ts: number, tradeId: string, quantity = 1): OrderFilled {
  return {
    kind: 'filled',
    ...ids(init),
    venueOrderId: `V-${init.clientOrderId}`,
    tradeId,
    side: init.side,
    lastQuantity: quantity,
    lastPrice: 5000.25,
    commission: 2.1,
    liquidity: 'maker',
    tsEvent: ts,
    tsInit: ts + 1,
  };
}
