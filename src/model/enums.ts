export type OrderSide = 'buy' | 'sell';
export type OrderType =
  | 'market'
  | 'limit'
  | 'stop-market'
  | 'stop-limit'
  | 'market-if-touched'
  | 'limit-if-touched'
  | 'trailing-stop-market'
  | 'trailing-stop-limit'
  | 'market-on-open'
  | 'market-on-close';
/**
 * GTD: good till `expireTime`. AT_THE_OPEN / AT_THE_CLOSE: the order takes part only in the
 * session's opening / closing price (its auction) and is canceled if it does not fill there.
 */
export type TimeInForce = 'GTC' | 'DAY' | 'IOC' | 'FOK' | 'GTD' | 'AT_THE_OPEN' | 'AT_THE_CLOSE';
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
  'trailing-stop-limit',
  'market-on-open',
  'market-on-close',
];
export const TIMES_IN_FORCE: readonly TimeInForce[] = [
  'GTC',
  'DAY',
  'IOC',
  'FOK',
  'GTD',
  'AT_THE_OPEN',
  'AT_THE_CLOSE',
];

/** Order types that wait for a trigger price to be touched (they can be `triggered`). */
export const TRIGGERED_TYPES: ReadonlySet<OrderType> = new Set([
  'stop-market',
  'stop-limit',
  'market-if-touched',
  'limit-if-touched',
  'trailing-stop-market',
  'trailing-stop-limit',
]);

/** Trailing stops: the venue moves their trigger (and a stop-limit's limit) with the market. */
export const TRAILING_TYPES: ReadonlySet<OrderType> = new Set([
  'trailing-stop-market',
  'trailing-stop-limit',
]);

/** Order types that carry a limit price. */
export const LIMIT_TYPES: ReadonlySet<OrderType> = new Set([
  'limit',
  'stop-limit',
  'limit-if-touched',
  'trailing-stop-limit',
]);

export function oppositeSide(side: OrderSide): OrderSide {
  return side === 'buy' ? 'sell' : 'buy';
}

/** +1 for buys, -1 for sells. */
export function sideSign(side: OrderSide): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}
