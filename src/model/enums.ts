export type OrderSide = 'buy' | 'sell';
export type OrderType =
  | 'market'
  | 'limit'
  | 'stop-market'
  | 'stop-limit'
  | 'market-if-touched'
  | 'limit-if-touched'
  | 'trailing-stop-market';
/** GTD: good till `expireTime`. */
export type TimeInForce = 'GTC' | 'DAY' | 'IOC' | 'FOK' | 'GTD';
/** How a trailing stop's distance is given. */
export type TrailingOffsetType = 'price' | 'ticks' | 'percent';

export const ORDER_TYPES: readonly OrderType[] = [
  'market',
  'limit',
  'stop-market',
  'stop-limit',
  'market-if-touched',
  'limit-if-touched',
  'trailing-stop-market',
];
export const TIMES_IN_FORCE: readonly TimeInForce[] = ['GTC', 'DAY', 'IOC', 'FOK', 'GTD'];

/** Order types that wait for a trigger price to be touched (they can be `triggered`). */
export const TRIGGERED_TYPES: ReadonlySet<OrderType> = new Set([
  'stop-market',
  'stop-limit',
  'market-if-touched',
  'limit-if-touched',
  'trailing-stop-market',
]);

export function oppositeSide(side: OrderSide): OrderSide {
  return side === 'buy' ? 'sell' : 'buy';
}

/** +1 for buys, -1 for sells. */
export function sideSign(side: OrderSide): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}
