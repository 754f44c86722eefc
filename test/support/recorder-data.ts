import type { TradeTick } from '../../src/model/data.js';

/** Trade i of a deterministic synthetic ES stream (0.25 grid, one per millisecond). */
export function syntheticTrade(i: number): TradeTick {
  const ts = Date.UTC(2024, 0, 2, 14, 30) * 1000 + i * 1000;
  return {
    kind: 'trade',
    instrumentId: 'ESH4.CME',
    price: 4800 + (i % 17) * 0.25,
    size: 1 + (i % 5),
    aggressor: i % 2 === 0 ? 'buyer' : 'seller',
    tradeId: `T${i}`,
    tsEvent: ts,
    tsInit: ts,
    sequence: i + 1,
  };
}
