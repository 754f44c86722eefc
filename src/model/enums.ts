export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop-market' | 'stop-limit';
export type TimeInForce = 'GTC' | 'DAY' | 'IOC' | 'FOK';

export const ORDER_TYPES: readonly OrderType[] = ['market', 'limit', 'stop-market', 'stop-limit'];
export const TIMES_IN_FORCE: readonly TimeInForce[] = ['GTC', 'DAY', 'IOC', 'FOK'];

export function oppositeSide(side: OrderSide): OrderSide {
  return side === 'buy' ? 'sell' : 'buy';
}

/** +1 for buys, -1 for sells. */
export function sideSign(side: OrderSide): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}
