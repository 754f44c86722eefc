/**
 * Order types, time in force and flags on a hand-built L2 (market-by-price) stream through the
 * real BacktestEngine: level updates (`BookLevelUpdate`) plus trade ticks with their aggressor.
 * The simulated exchange walks the displayed levels for taker orders and estimates our resting
 * orders' queue position (`ahead`) from trades and level changes (docs/matching.md). Expectations
 * computed by hand in the comments.
 *
 * Stock TEST.SIM on a 0.01 grid: level prices are integer ticks (100.01 = 10001). Times are
 * seconds after T0. Script index n runs on the n-th DERIVED quote (a batch ending with F_LAST
 * that changes the top of book); trade ticks give no quotes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MarketData } from '../../src/model/data.js';
import {
  assertIcebergFilled,
  assertOneMakerFill,
  assertPostOnlyCanceled,
  expectFokBuy20,
  expectIocBuy20,
  expectMarketBuy20,
  expectRanOut,
  expectStopMarketGap,
  fillTimes,
  level,
  liquidity,
  runBook as run,
  S,
  tradeBy,
} from '../support/book-streams.js';
import { priceQty, STOCK, T0 } from '../support/scripted-backtest.js';

/**
 * One batch at t = 0 (quote 0: 99.99 × 10 / 100.01 × 5):
 *   asks 100.03 × 15, 100.02 × 10, 100.01 × 5
 *   bids  99.99 × 10,  99.98 × 20,  99.97 × 30
 */
const OPENING: MarketData[] = [
  level(0, 'bid', 9999, 10, false),
  level(0, 'bid', 9998, 20, false),
  level(0, 'bid', 9997, 30, false),
  level(0, 'ask', 10001, 5, false),
  level(0, 'ask', 10002, 10, false),
  level(0, 'ask', 10003, 15, true),
];

describe('L2 book: market orders walk the levels', () => {
  test('a market buy of 20: 5 @ 100.01, 10 @ 100.02, 5 of 15 @ 100.03 (taker)', () => {
    expectMarketBuy20(OPENING);
  });

  test('a market buy of 35 against 30 of offers: all three levels, the other 5 canceled', () => {
    const { o } = expectRanOut(OPENING, (s) => [s.buy(STOCK.id, 35)], [
      [100.01, 5],
      [100.02, 10],
      [100.03, 15],
    ]);
    assert.equal(o.filledQuantity, 30);
  });
});

describe('L2 book: limit orders, IOC and post-only', () => {
  test('a limit buy 20 @ 100.02 takes 15 (taker) and rests 5 at 100.02 (nothing displayed ahead), filled by a seller there', () => {
    const data = [
      ...OPENING,
      // t=1 (quote 1): the taken offers leave; a bid of 4 shows at 100.02 (joins behind us).
      level(1, 'ask', 10001, 0, false),
      level(1, 'ask', 10002, 0, false),
      level(1, 'bid', 10002, 4, true),
      // t=2: a seller trades 6 at 100.02: ahead 0 → our 5 (maker, 100.02).
      tradeBy(2, 100.02, 6, 'seller'),
    ];
    const { strategy, orders } = run(data, { 0: (s) => [s.buy(STOCK.id, 20, { price: 100.02 })] });
    const [o] = orders;
    assert.deepEqual(priceQty(strategy, o), [
      [100.01, 5],
      [100.02, 10],
      [100.02, 5],
    ]);
    assert.deepEqual(liquidity(strategy, o), ['taker', 'taker', 'maker']);
    assert.deepEqual(fillTimes(strategy, o), [T0, T0, T0 + 2 * S]);
  });

  test('IOC limit buy 20 @ 100.02: 5 @ 100.01, 10 @ 100.02, the other 5 canceled', () => {
    const { o } = expectIocBuy20(OPENING);
    assert.equal(o.status, 'canceled');
  });

  test('FOK limit buy 20 @ 100.02: 15 available up to the limit → canceled, nothing filled', () => {
    expectFokBuy20(OPENING);
  });

  test('post-only buy @ 100.01 (the best ask) is canceled; post-only @ 99.99 rests behind the 10 shown and fills as maker', () => {
    const data = [
      ...OPENING,
      // t=1: a seller trades 12 at 99.99: 10 ahead of us, then 2 of ours. The level empties
      // (quote 1: the best bid drops to 99.98).
      tradeBy(1, 99.99, 12, 'seller'),
      level(1, 'bid', 9999, 0),
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [
        s.buy(STOCK.id, 5, { price: 100.01, postOnly: true }),
        s.buy(STOCK.id, 5, { price: 99.99, postOnly: true }),
      ],
    });
    const [crossing, resting] = orders;
    assertPostOnlyCanceled(strategy, crossing);
    assertOneMakerFill(strategy, resting, 99.99, 2);
  });
});

describe('L2 book: iceberg', () => {
  test('the refill joins the back: its estimated ahead is the level size at refill time (13 shown − 12 traded = 1)', () => {
    const data = [
      ...OPENING, // iceberg sell 4 (show 2) @ 100.02: ahead 10
      level(1, 'ask', 10002, 13), // +3 join behind us: ahead stays 10 (no quote: top unchanged)
      tradeBy(2, 100.01, 5, 'buyer'),
      level(2, 'ask', 10001, 0), // quote 1: 100.02 × 13 is the best ask
      // t=3: 12 traded at 100.02: 10 ahead, then our tranche of 2 (maker). The refill of 2
      // joins the back: ahead = 13 shown − 12 traded not yet reflected = 1 (one of the lots that
      // joined after us). The level update to 1 is explained by the trade.
      tradeBy(3, 100.02, 12, 'buyer'),
      level(3, 'ask', 10002, 1),
      // t=4: 1 traded: it is the 1 ahead of our refill → nothing for us.
      tradeBy(4, 100.02, 1, 'buyer'),
      level(4, 'ask', 10002, 0),
      // t=5: 2 traded: our refill.
      tradeBy(5, 100.02, 2, 'buyer'),
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.sell(STOCK.id, 4, { price: 100.02, displayQuantity: 2 })],
    });
    assertIcebergFilled(strategy, orders[0], [T0 + 3 * S, T0 + 5 * S]);
  });
});

describe('L2 book: stops', () => {
  test('a stop-market sell 25 @ 99.98 is triggered by a trade, not by the levels, and walks the bids: 10 @ 99.97, 10 @ 99.96, 5 @ 99.95', () => {
    const data = [
      ...OPENING,
      // t=1 (quote 1): 10 traded at 99.99 (above the trigger), the level empties.
      tradeBy(1, 99.99, 10, 'seller'),
      level(1, 'bid', 9999, 0),
      // t=2 (quote 2): the bids gap down without a trade: 99.97 × 10, 99.96 × 10, 99.95 × 20.
      level(2, 'bid', 9998, 0, false),
      level(2, 'bid', 9997, 10, false),
      level(2, 'bid', 9996, 10, false),
      level(2, 'bid', 9995, 20, true),
      // t=3: a trade at 99.97, at/below 99.98: triggered, walks the levels shown.
      tradeBy(3, 99.97, 4, 'seller'),
    ];
    expectStopMarketGap(data);
  });
});
