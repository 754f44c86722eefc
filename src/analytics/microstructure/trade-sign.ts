import type { TradeSign } from './types.js';

/**
 * Tick test: +1 when the price is above the last different earlier price (uptick or zero-uptick),
 * −1 below it, 0 when no earlier price differs. Lee & Ready (1991), "Inferring trade direction
 * from intraday data", J. Finance 46(2), §II.
 */
export function tickTestSigns(prices: ArrayLike<number>): TradeSign[] {
  const signs: TradeSign[] = [];
  let sign: TradeSign = 0;
  for (let i = 0; i < prices.length; i++) {
    if (i > 0 && prices[i] > prices[i - 1]) sign = 1;
    else if (i > 0 && prices[i] < prices[i - 1]) sign = -1;
    signs.push(sign);
  }
  return signs;
}

/**
 * Lee & Ready (1991) trade signs: the quote rule (above the prevailing mid → buy, below → sell),
 * and the tick test for trades at the mid. `mids[i]` is the mid prevailing at trade i (NaN when
 * unknown: the tick test decides). The original 5-second quote delay for 1988 NYSE data is left
 * to the caller (pass the mids it wants).
 */
export function leeReadySigns(prices: ArrayLike<number>, mids: ArrayLike<number>): TradeSign[] {
  if (prices.length !== mids.length) {
    throw new RangeError(
      `prices and mids must have the same length, got ${prices.length} and ${mids.length}`,
    );
  }
  const ticks = tickTestSigns(prices);
  const signs: TradeSign[] = [];
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    const m = mids[i];
    signs.push(p > m ? 1 : p < m ? -1 : ticks[i]);
  }
  return signs;
}
