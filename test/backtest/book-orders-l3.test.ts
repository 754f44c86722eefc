/**
 * Every order type, time in force, flag and contingency on a hand-built L3 (MBO) book stream,
 * through the real BacktestEngine (kernel, risk, contingencies, simulated exchange and its L3
 * matcher). Expectations computed by hand in the comments (docs/backtesting.md "Books (L2 and
 * L3)", docs/matching.md).
 *
 * Stock TEST.SIM on a 0.01 grid: prices in the rows are integer ticks (100.01 = 10001). Times are
 * seconds after T0 (2024-01-02T14:31:00Z). The strategy acts on the DERIVED quotes of the book
 * feed: script index n is the n-th quote, i.e. the n-th batch (F_LAST) that changes the top of
 * book. Each test notes which batch gives which quote.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Order } from '../../src/model/order.js';
import { microsFromIso } from '../../src/model/time.js';
import {
  add,
  assertIcebergFilled,
  assertOneMakerFill,
  assertPostOnlyCanceled,
  batch,
  cancel,
  cancelReason,
  expectFokBuy20,
  expectIocBuy20,
  expectMarketBuy20,
  expectRanOut,
  expectStopMarketGap,
  fillTimes,
  liquidity,
  modify,
  runBook as run,
  S,
  tradeRow,
} from '../support/book-streams.js';
import { priceQty, STOCK, T0 } from '../support/scripted-backtest.js';

/**
 * The opening book at t = 0 (gives quote 0: 99.99 × 10 / 100.01 × 5):
 *   asks 100.03 × 15 (id 13), 100.02 × 10 (id 12), 100.01 × 5 (id 11)
 *   bids  99.99 × 10 (id 1),   99.98 × 20 (id 2),   99.97 × 30 (id 3)
 */
const OPENING = batch(
  0,
  add('B', 9999, 10, 1),
  add('B', 9998, 20, 2),
  add('B', 9997, 30, 3),
  add('A', 10001, 5, 11),
  add('A', 10002, 10, 12),
  add('A', 10003, 15, 13),
);

describe('L3 book: market orders', () => {
  test('a market buy of 20 walks three levels: 5 @ 100.01, 10 @ 100.02, 5 of 15 @ 100.03 (taker)', () => {
    const { strategy, o, engine } = expectMarketBuy20(OPENING);
    assert.deepEqual(fillTimes(strategy, o), [T0, T0, T0]); // at the quote it was placed on
    // VWAP (5 × 100.01 + 10 × 100.02 + 5 × 100.03) / 20 = 2000.40 / 20 = 100.02
    assert.ok(Math.abs(o.averagePrice! - 100.02) < 1e-9);
    // Our fills leave the feed's book alone.
    assert.deepEqual(engine.kernel.cache.orderBook(STOCK.id)!.topLevels(1, 3), [
      { tick: 10001, size: 5, count: 1 },
      { tick: 10002, size: 10, count: 1 },
      { tick: 10003, size: 15, count: 1 },
    ]);
  });

  test('a market sell of 70 against 60 of bids: 10 @ 99.99, 20 @ 99.98, 30 @ 99.97, the other 10 canceled', () => {
    const { o } = expectRanOut(OPENING, (s) => [s.sell(STOCK.id, 70)], [
      [99.99, 10],
      [99.98, 20],
      [99.97, 30],
    ]);
    assert.equal(o.status, 'canceled');
    assert.equal(o.filledQuantity, 60);
  });

  test('two market buys in a row do not take the same lots: 5 @ 100.01 then 3 @ 100.02', () => {
    const { strategy, orders } = run(OPENING, {
      0: (s) => [s.buy(STOCK.id, 5), s.buy(STOCK.id, 3)],
    });
    assert.deepEqual(priceQty(strategy, orders[0]), [[100.01, 5]]);
    assert.deepEqual(priceQty(strategy, orders[1]), [[100.02, 3]]);
  });
});

describe('L3 book: limit orders and the queue', () => {
  test('a limit buy 20 @ 100.02 marketable on arrival takes 15 (taker), rests 5 at the front of 100.02 and fills as maker', () => {
    const data = [
      ...OPENING,
      // t=1 (quote 1): the asks we took leave; a feed bid of 4 joins 100.02 behind our 5.
      ...batch(1, cancel('A', 10001, 5, 11), cancel('A', 10002, 10, 12), add('B', 10002, 4, 21)),
      // t=2: a seller hits 100.02 for 3: the queue is [ours 5, id 21 × 4] → 3 of ours.
      ...batch(2, tradeRow('seller', 10002, 3), modify('B', 10002, 1, 21)),
      // t=3: a seller hits 100.02 for 3: [ours 2, id 21 × 1] → our last 2 (id 21 gets 1).
      ...batch(3, tradeRow('seller', 10002, 3), cancel('B', 10002, 1, 21)),
    ];
    const { strategy, orders } = run(data, { 0: (s) => [s.buy(STOCK.id, 20, { price: 100.02 })] });
    const [o] = orders;
    assert.deepEqual(priceQty(strategy, o), [
      [100.01, 5],
      [100.02, 10],
      [100.02, 3],
      [100.02, 2],
    ]);
    assert.deepEqual(liquidity(strategy, o), ['taker', 'taker', 'maker', 'maker']);
    assert.deepEqual(fillTimes(strategy, o), [T0, T0, T0 + 2 * S, T0 + 3 * S]);
    assert.equal(o.status, 'filled');
  });

  test('a limit buy 5 @ 99.99 waits behind the 10 ahead of it; trades consume them first, then it fills (maker)', () => {
    const data = [
      ...OPENING, // we join 99.99: [id 1 × 10, ours 5]
      ...batch(1, add('B', 9999, 6, 4)), // [id 1 × 10, ours 5, id 4 × 6]
      // t=2: 8 traded: all to id 1 (10 ahead) → nothing for us.
      ...batch(2, tradeRow('seller', 9999, 8), modify('B', 9999, 2, 1)),
      // t=3: 5 traded: id 1's last 2, then 3 of ours.
      ...batch(3, tradeRow('seller', 9999, 5), cancel('B', 9999, 2, 1), modify('B', 9999, 3, 4)),
      // t=4: 4 traded: our last 2 first (id 4 is behind us), then 2 of id 4.
      ...batch(4, tradeRow('seller', 9999, 4), modify('B', 9999, 1, 4)),
    ];
    const { strategy, orders } = run(data, { 0: (s) => [s.buy(STOCK.id, 5, { price: 99.99 })] });
    const [o] = orders;
    assert.deepEqual(priceQty(strategy, o), [
      [99.99, 3],
      [99.99, 2],
    ]);
    assert.deepEqual(liquidity(strategy, o), ['maker', 'maker']);
    assert.deepEqual(fillTimes(strategy, o), [T0 + 3 * S, T0 + 4 * S]);
  });
});

describe('L3 book: a resting order crossed by the feed without a trade', () => {
  test('a bid of ours at 100.00 fills at its own price (maker) when the feed adds an offer at 100.00', () => {
    const data = [
      ...OPENING, // buy 5 @ 100.00: alone at 100.00 (the displayed best bid stays 99.99)
      // t=1: an offer of 3 at 100.00 (the displayed book 99.99 / 100.00 is not crossed): at the
      // batch end our bid crosses it and takes the 3, at 100.00, maker.
      ...batch(1, add('A', 10000, 3, 15)),
    ];
    const { strategy, orders } = run(data, { 0: (s) => [s.buy(STOCK.id, 5, { price: 100.0 })] });
    const [o] = orders;
    assert.deepEqual(priceQty(strategy, o), [[100.0, 3]]);
    assert.deepEqual(liquidity(strategy, o), ['maker']);
    assert.deepEqual(fillTimes(strategy, o), [T0 + S]);
    assert.equal(o.leavesQuantity, 2);
  });
});

describe('L3 book: time in force IOC and FOK', () => {
  test('IOC limit buy 5 @ 100.00 crosses nothing: canceled, nothing filled', () => {
    const { strategy, orders } = run(OPENING, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 100.0, timeInForce: 'IOC' })],
    });
    const [o] = orders;
    assert.deepEqual(priceQty(strategy, o), []);
    assert.deepEqual(strategy.kindsOf(o), ['submitted', 'accepted', 'canceled']);
    assert.match(cancelReason(strategy, o)!, /^IOC/);
  });

  test('IOC limit buy 20 @ 100.02: 5 @ 100.01 and 10 @ 100.02 (taker), the rest 5 canceled', () => {
    const { strategy, o } = expectIocBuy20(OPENING);
    assert.deepEqual(strategy.kindsOf(o), ['submitted', 'accepted', 'filled', 'filled', 'canceled']);
    assert.equal(o.filledQuantity, 15);
  });

  test('FOK limit buy 20 @ 100.02: only 15 up to the limit, so nothing fills and it is canceled', () => {
    const { strategy, o } = expectFokBuy20(OPENING);
    assert.deepEqual(strategy.kindsOf(o), ['submitted', 'accepted', 'canceled']);
  });

  test('FOK limit buy 15 @ 100.02: the 15 up to the limit are there, it fills in full', () => {
    const { strategy, orders } = run(OPENING, {
      0: (s) => [s.buy(STOCK.id, 15, { price: 100.02, timeInForce: 'FOK' })],
    });
    assert.deepEqual(priceQty(strategy, orders[0]), [
      [100.01, 5],
      [100.02, 10],
    ]);
    assert.equal(orders[0].status, 'filled');
  });
});

describe('L3 book: post-only', () => {
  test('post-only buy @ 100.01 (the best ask) would take: canceled, nothing filled', () => {
    const { strategy, orders } = run(OPENING, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 100.01, postOnly: true })],
    });
    assertPostOnlyCanceled(strategy, orders[0]);
  });

  test('post-only buy 5 @ 100.00 does not cross: it rests and a seller trading there fills it as maker', () => {
    const data = [
      ...OPENING,
      ...batch(1, add('B', 10000, 2, 5)), // quote 1; queue at 100.00: [ours 5, id 5 × 2]
      ...batch(2, tradeRow('seller', 10000, 2)), // 2 traded at 100.00: ours first → 2 of ours
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 100.0, postOnly: true })],
    });
    assertOneMakerFill(strategy, orders[0], 100.0, 2);
  });
});

describe('L3 book: iceberg', () => {
  test('only the tranche of 2 queues; its refill joins the back, behind an order that came after ours', () => {
    const data = [
      ...OPENING, // iceberg sell 4 (show 2) @ 100.02: [id 12 × 10, ours 2]
      // t=1 (quote 1): 100.01 offers leave; id 14 × 3 joins 100.02: [id 12 × 10, ours 2, id 14 × 3]
      ...batch(1, cancel('A', 10001, 5, 11), add('A', 10002, 3, 14)),
      // t=2: a buyer lifts 12: id 12 takes 10, our tranche 2 → refill of 2 at the back:
      // [id 12, id 14 × 3, ours 2]; then the feed removes id 12 and id 14 shows 1.
      ...batch(2, tradeRow('buyer', 10002, 12), cancel('A', 10002, 10, 12), modify('A', 10002, 1, 14)),
      // t=3: 1 traded: it goes to id 14 (now ahead of our refill): nothing for us.
      ...batch(3, tradeRow('buyer', 10002, 1), cancel('A', 10002, 1, 14)),
      // t=4: 2 traded: our refill of 2.
      ...batch(4, tradeRow('buyer', 10002, 2)),
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.sell(STOCK.id, 4, { price: 100.02, displayQuantity: 2 })],
    });
    assertIcebergFilled(strategy, orders[0], [T0 + 2 * S, T0 + 4 * S]);
  });
});

describe('L3 book: DAY and GTD expiry', () => {
  // 2024-01-02T23:59:59Z is T0 + 34,139 s; 2024-01-03T00:00:00Z is T0 + 34,140 s.
  const MIDNIGHT = microsFromIso('2024-01-03T00:00:00Z');

  test('a DAY limit resting in the book expires with the first batch of the next (UTC) day', () => {
    const data = [
      ...OPENING, // DAY buy 5 @ 99.98 rests behind id 2
      ...batch(34_139, add('B', 9996, 1, 30)), // 23:59:59, same day: still working
      ...batch(34_140, add('B', 9995, 1, 31)), // midnight: a later day → expired
      ...batch(34_141, tradeRow('seller', 9998, 30)), // would have filled it: nothing
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 99.98, timeInForce: 'DAY' })],
    });
    const [o] = orders;
    assert.equal(T0 + 34_140 * S, MIDNIGHT);
    assert.deepEqual(strategy.kindsOf(o), ['submitted', 'accepted', 'expired']);
    assert.equal(strategy.eventOf(o, 'expired')!.tsEvent, MIDNIGHT);
    assert.equal(strategy.seen.find((e) => e.event.kind === 'expired')!.at, MIDNIGHT);
    assert.deepEqual(priceQty(strategy, o), []);
  });

  test('a DAY stop waiting outside the book expires with the first batch of the next day (never triggers then)', {}, () => {
    const data = [
      ...OPENING, // DAY stop sell 5 @ 99.90 on Jan 2: far below, waits outside the book
      ...batch(34_140, add('B', 9995, 1, 31)), // midnight, no trade: a later day → expired
      ...batch(34_200, tradeRow('seller', 9989, 1)), // Jan 3 00:01: below the trigger
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.sell(STOCK.id, 5, { triggerPrice: 99.9, timeInForce: 'DAY' })],
    });
    const [o] = orders;
    assert.deepEqual(strategy.kindsOf(o), ['submitted', 'accepted', 'expired']);
    assert.equal(strategy.eventOf(o, 'expired')!.tsEvent, MIDNIGHT);
    assert.deepEqual(priceQty(strategy, o), []);
  });

  test('a GTD limit expires with the first batch after its expireTime, stamped at expireTime', () => {
    const data = [
      ...OPENING, // GTD buy 5 @ 99.98 until T0 + 10 s
      ...batch(10, add('B', 9996, 1, 30)), // at expireTime exactly: not after it, still working
      ...batch(11, add('B', 9995, 1, 31)), // after it → expired at T0 + 10 s
      ...batch(12, tradeRow('seller', 9998, 30)), // would have filled it: nothing
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 99.98, expireTime: T0 + 10 * S })],
    });
    const [o] = orders;
    const kindsAt10 = strategy.seen.filter((e) => e.at <= T0 + 10 * S).map((e) => e.event.kind);
    assert.equal(o.timeInForce, 'GTD');
    assert.deepEqual(kindsAt10, ['submitted', 'accepted']);
    assert.deepEqual(strategy.kindsOf(o), ['submitted', 'accepted', 'expired']);
    assert.equal(strategy.eventOf(o, 'expired')!.tsEvent, T0 + 10 * S);
    assert.equal(strategy.seen.find((e) => e.event.kind === 'expired')!.at, T0 + 11 * S); // seen then
    assert.deepEqual(priceQty(strategy, o), []);
  });
});

describe('L3 book: modify and cancel', () => {
  /**
   * t=1 (quote 1): id 4 × 6 joins 99.99. t=2: 12 traded at 99.99 (the feed: id 1's 10 and 2 of
   * id 4). t=3: 6 traded at 99.99 (the feed: id 4's last 4, and 2 more).
   */
  const STREAM = [
    ...OPENING,
    ...batch(1, add('B', 9999, 6, 4)),
    ...batch(2, tradeRow('seller', 9999, 12), cancel('B', 9999, 10, 1), modify('B', 9999, 4, 4)),
    ...batch(3, tradeRow('seller', 9999, 6), cancel('B', 9999, 4, 4)),
  ];

  test('a size decrease keeps the queue place: 5 → 3 @ 99.99 still ahead of id 4', () => {
    const { strategy, orders } = run(STREAM, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 99.99 })], // [id 1 × 10, ours 5]
      1: (s) => {
        s.modify(s.openOrders()[0], { quantity: 3 }); // [id 1 × 10, ours 3, id 4 × 6]
        return [];
      },
    });
    const [o] = orders;
    // t=2: 12 → id 1 takes 10, ours 2.  t=3: 6 → our last 1 (then id 4).
    assert.deepEqual(priceQty(strategy, o), [
      [99.99, 2],
      [99.99, 1],
    ]);
    assert.deepEqual(fillTimes(strategy, o), [T0 + 2 * S, T0 + 3 * S]);
    assert.deepEqual(strategy.kindsOf(o), [
      'submitted',
      'accepted',
      'pending-update',
      'updated',
      'filled',
      'filled',
    ]);
    assert.equal(o.quantity, 3);
  });

  test('a price change loses priority: 99.98 → 99.99 joins the back, behind id 4 that came later than us', () => {
    const { strategy, orders } = run(STREAM, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 99.98 })], // [id 2 × 20, ours 5]
      1: (s) => {
        s.modify(s.openOrders()[0], { price: 99.99 }); // [id 1 × 10, id 4 × 6, ours 5]
        return [];
      },
    });
    const [o] = orders;
    // t=2: 12 → id 1 10, id 4 2, ours 0.  t=3: 6 → id 4's last 4, then 2 of ours.
    assert.deepEqual(priceQty(strategy, o), [[99.99, 2]]);
    assert.deepEqual(fillTimes(strategy, o), [T0 + 3 * S]);
    assert.deepEqual(liquidity(strategy, o), ['maker']);
    assert.equal(o.price, 99.99);
  });

  test('a modify to a marketable price takes liquidity first (taker) and rests the rest at the new price', () => {
    const { strategy, orders } = run(STREAM, {
      0: (s) => [s.buy(STOCK.id, 20, { price: 99.99 })],
      // quote 1: buy 20 @ 99.99 → @ 100.02: 5 @ 100.01, 10 @ 100.02 (taker); 5 rest at 100.02.
      1: (s) => {
        s.modify(s.openOrders()[0], { price: 100.02 });
        return [];
      },
    });
    const [o] = orders;
    // The 99.99 trades at t=2 and t=3 are below our 100.02 bid: sellers printing below it trade
    // through it, so the 5 resting fill at t=2 (maker, at 100.02).
    assert.deepEqual(priceQty(strategy, o), [
      [100.01, 5],
      [100.02, 10],
      [100.02, 5],
    ]);
    assert.deepEqual(liquidity(strategy, o), ['taker', 'taker', 'maker']);
    assert.deepEqual(fillTimes(strategy, o), [T0 + S, T0 + S, T0 + 2 * S]);
  });

  test('a modify of a post-only order to a crossing price is rejected; the order keeps its price and place', () => {
    const { strategy, orders } = run(STREAM, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 99.99, postOnly: true })], // [id 1 × 10, ours 5]
      1: (s) => {
        s.modify(s.openOrders()[0], { price: 100.01 }); // would take the 100.01 offer
        return [];
      },
    });
    const [o] = orders;
    // docs/matching.md: "A modify of a post-only order to a crossing price is rejected: the order
    // stays as it was". So: modify-rejected, price 99.99, and at t=2 (12 traded at 99.99: id 1's
    // 10, then 2 of ours) it fills 2 as maker at 99.99.
    assert.deepEqual(strategy.kindsOf(o).slice(2, 4), ['pending-update', 'modify-rejected']);
    assert.equal(o.price, 99.99);
    assert.deepEqual(priceQty(strategy, o).slice(0, 1), [[99.99, 2]]);
  });

  test('a canceled resting order fills nothing, even when trades pass through its price', () => {
    const data = [
      ...STREAM,
      ...batch(4, tradeRow('seller', 9998, 25)), // below our 99.99: a trade-through would fill it
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.buy(STOCK.id, 5, { price: 99.99 })],
      1: (s) => {
        s.cancel(s.openOrders()[0]);
        return [];
      },
    });
    const [o] = orders;
    assert.deepEqual(priceQty(strategy, o), []);
    assert.deepEqual(strategy.kindsOf(o), ['submitted', 'accepted', 'pending-cancel', 'canceled']);
    assert.equal(cancelReason(strategy, o), 'canceled by request');
    assert.equal(o.status, 'canceled');
  });
});

describe('L3 book: stops wait outside the book', () => {
  /**
   * t=1 (quote 1): 10 traded at 99.99 (above a 99.98 trigger), id 1 leaves.
   * t=2 (quote 2): the bids gap down without a trade: 99.97 × 10 (id 3), 99.96 × 10, 99.95 × 20.
   * t=3: a trade at 99.97 (at/below 99.98): the stop triggers and walks the bids as they are.
   * t=4: a buyer trades 3 at 99.96.
   */
  const GAP = [
    ...OPENING,
    ...batch(1, tradeRow('seller', 9999, 10), cancel('B', 9999, 10, 1)),
    ...batch(
      2,
      cancel('B', 9998, 20, 2),
      modify('B', 9997, 10, 3),
      add('B', 9996, 10, 5),
      add('B', 9995, 20, 6),
    ),
    ...batch(3, tradeRow('seller', 9997, 4)),
    ...batch(4, tradeRow('buyer', 9996, 3)),
  ];

  test('a stop-market sell 25 @ 99.98 gaps: triggered by the 99.97 trade, fills 10 @ 99.97, 10 @ 99.96, 5 @ 99.95', () => {
    expectStopMarketGap(GAP);
  });

  test('a stop-limit sell 25, trigger 99.98, limit 99.96: released as a limit, takes 99.97 and 99.96, rests 5 @ 99.96', () => {
    const { strategy, orders } = run(GAP, {
      0: (s) => [s.sell(STOCK.id, 25, { triggerPrice: 99.98, price: 99.96 })],
    });
    const [o] = orders;
    assert.equal(o.type, 'stop-limit');
    // t=3: 10 @ 99.97 and 10 @ 99.96 (taker); 99.95 is beyond the limit: 5 rest as an offer at
    // 99.96. t=4: a buyer trades 3 there: 3 of ours (maker, at our price).
    assert.deepEqual(priceQty(strategy, o), [
      [99.97, 10],
      [99.96, 10],
      [99.96, 3],
    ]);
    assert.deepEqual(liquidity(strategy, o), ['taker', 'taker', 'maker']);
    assert.equal(o.status, 'partially-filled');
    assert.equal(o.leavesQuantity, 2);
  });
});

describe('L3 book: reduce-only', () => {
  test('a resting reduce-only sell 8 is sized down to the position left when it fills: 5, the rest canceled', () => {
    // (The risk engine denies a reduce-only order larger than the position when it is sent, so
    // the venue's sizing matters when the position shrinks while the order rests.)
    const data = [
      ...OPENING, // quote 0: market buy 8 → 5 @ 100.01, 3 @ 100.02: long 8
      ...batch(1, add('B', 9999, 5, 4)), // quote 1: plain sell 3 @ 100.04, reduce-only sell 8 @ 100.05
      // t=2: a buyer trades at 100.06, through both offers: the sell 3 first (best price): long
      // 5; then the reduce-only sell fills 5 of its 8 and the other 3 are canceled.
      ...batch(2, tradeRow('buyer', 10006, 1)),
    ];
    const { strategy, orders } = run(data, {
      0: (s) => [s.buy(STOCK.id, 8)],
      1: (s) => [
        s.sell(STOCK.id, 3, { price: 100.04 }),
        s.sell(STOCK.id, 8, { price: 100.05, reduceOnly: true }),
      ],
    });
    const [entry, plain, reduce] = orders;
    assert.deepEqual(priceQty(strategy, entry), [
      [100.01, 5],
      [100.02, 3],
    ]);
    assert.deepEqual(priceQty(strategy, plain), [[100.04, 3]]);
    assert.deepEqual(priceQty(strategy, reduce), [[100.05, 5]]);
    assert.deepEqual(liquidity(strategy, reduce), ['maker']);
    assert.equal(cancelReason(strategy, reduce), 'reduce-only: the rest would reverse the position');
    assert.equal(reduce.status, 'canceled');
    assert.equal(strategy.position(STOCK.id), 0);
  });

  test('a reduce-only sell larger than the position is denied by the risk engine before the venue', () => {
    const { strategy, orders } = run(OPENING, {
      0: (s) => [s.buy(STOCK.id, 5), s.sell(STOCK.id, 8, { reduceOnly: true })],
    });
    assert.deepEqual(strategy.kindsOf(orders[1]), ['denied']);
    assert.equal(strategy.position(STOCK.id), 5);
  });
});

describe('L3 book: bracket', () => {
  test('entry walks the asks, take-profit rests in the ask queue and fills as maker; the stop-loss is canceled', () => {
    const data = [
      ...OPENING,
      // t=1 (quote 1): the 100.01 and 100.02 offers leave: asks 100.03 × 15 (id 13).
      ...batch(1, cancel('A', 10001, 5, 11), cancel('A', 10002, 10, 12)),
      // t=2: a buyer takes 18 at 100.03: id 13's 15 first, then 3 of our take-profit.
      ...batch(2, tradeRow('buyer', 10003, 18), cancel('A', 10003, 15, 13)),
      // t=3: a buyer trades at 100.04, through our 100.03 offer: the rest (5) fills.
      ...batch(3, tradeRow('buyer', 10004, 1)),
    ];
    let legs: { entry: Order; takeProfit: Order; stopLoss: Order } | undefined;
    const { strategy } = run(data, {
      0: (s) => {
        legs = s.bracket(STOCK.id, 'buy', 8, { takeProfit: 100.03, stopLoss: 99.97 });
        return [];
      },
    });
    const { entry, takeProfit, stopLoss } = legs!;
    // Entry: market buy 8 → 5 @ 100.01, 3 @ 100.02 (taker).
    assert.deepEqual(priceQty(strategy, entry), [
      [100.01, 5],
      [100.02, 3],
    ]);
    assert.deepEqual(liquidity(strategy, entry), ['taker', 'taker']);
    // Take-profit: sent at the first entry fill (5), resized to 8 at the second; behind id 13.
    assert.deepEqual(priceQty(strategy, takeProfit), [
      [100.03, 3],
      [100.03, 5],
    ]);
    assert.deepEqual(liquidity(strategy, takeProfit), ['maker', 'maker']);
    assert.deepEqual(fillTimes(strategy, takeProfit), [T0 + 2 * S, T0 + 3 * S]);
    assert.equal(takeProfit.status, 'filled');
    assert.deepEqual(strategy.kindsOf(takeProfit), [
      'submitted',
      'accepted',
      'pending-update',
      'updated', // 5 → 8 at the entry's second fill (a size increase: back of the queue, still behind id 13)
      'filled',
      'filled',
    ]);
    // Stop-loss: waits outside the book, never filled; shrunk to 5 by the take-profit's partial
    // fill (OCO), canceled when the take-profit completes.
    assert.deepEqual(priceQty(strategy, stopLoss), []);
    assert.deepEqual(
      strategy.events
        .filter((e) => e.clientOrderId === stopLoss.clientOrderId && e.kind === 'updated')
        .map((e) => [(e as { quantity: number }).quantity, e.tsEvent]),
      [
        [8, T0],
        [5, T0 + 2 * S],
      ],
    );
    assert.equal(stopLoss.status, 'canceled');
    assert.equal(strategy.kindsOf(stopLoss).at(-1), 'canceled');
    assert.equal(strategy.eventOf(stopLoss, 'canceled')!.tsEvent, T0 + 3 * S);
    assert.equal(strategy.position(STOCK.id), 0);
  });

  test('the stop-loss triggers first: it sells 8 into the bids and the take-profit is canceled', () => {
    const data = [
      ...OPENING,
      // t=1 (quote 1): 10 traded at 99.99 (above the 99.98 trigger); id 1 leaves.
      ...batch(1, tradeRow('seller', 9999, 10), cancel('B', 9999, 10, 1)),
      // t=2: 4 traded at 99.98: triggers; the market sell 8 takes 8 of the 20 shown at 99.98.
      ...batch(2, tradeRow('seller', 9998, 4), modify('B', 9998, 16, 2)),
    ];
    let legs: { entry: Order; takeProfit: Order; stopLoss: Order } | undefined;
    const { strategy } = run(data, {
      0: (s) => {
        legs = s.bracket(STOCK.id, 'buy', 8, { takeProfit: 100.03, stopLoss: 99.98 });
        return [];
      },
    });
    const { entry, takeProfit, stopLoss } = legs!;
    assert.deepEqual(priceQty(strategy, entry), [
      [100.01, 5],
      [100.02, 3],
    ]);
    assert.deepEqual(priceQty(strategy, stopLoss), [[99.98, 8]]);
    assert.deepEqual(liquidity(strategy, stopLoss), ['taker']);
    assert.deepEqual(strategy.kindsOf(stopLoss), [
      'submitted',
      'accepted',
      'pending-update',
      'updated',
      'triggered',
      'filled',
    ]);
    assert.equal(strategy.eventOf(stopLoss, 'triggered')!.tsEvent, T0 + 2 * S);
    assert.equal(stopLoss.status, 'filled');
    // The take-profit rested at 100.03 and never traded; canceled at t=2 by the OCO.
    assert.deepEqual(priceQty(strategy, takeProfit), []);
    assert.equal(takeProfit.status, 'canceled');
    assert.equal(strategy.eventOf(takeProfit, 'canceled')!.tsEvent, T0 + 2 * S);
    assert.equal(strategy.position(STOCK.id), 0);
  });
});

describe('L3 book: latency', () => {
  test('with 0.5 s submit latency a market buy 8 placed at t=0 walks the book as it is at t=0.5', () => {
    const data = [
      ...OPENING, // quote 0: we buy 8 (arrives at T0 + 0.5 s)
      // t=0.3: the 100.01 offer leaves, 100.02 shows 4.
      ...batch(0.3, cancel('A', 10001, 5, 11), modify('A', 10002, 4, 12)),
      ...batch(1, add('B', 9996, 1, 30)),
    ];
    const { strategy, orders } = run(
      data,
      { 0: (s) => [s.buy(STOCK.id, 8)] },
      { latency: { submit: 500_000 } },
    );
    const [o] = orders;
    // At arrival: asks 100.02 × 4, 100.03 × 15 → 4 @ 100.02, 4 @ 100.03 (without latency it
    // would have been 5 @ 100.01, 3 @ 100.02).
    assert.deepEqual(priceQty(strategy, o), [
      [100.02, 4],
      [100.03, 4],
    ]);
    assert.deepEqual(fillTimes(strategy, o), [T0 + 500_000, T0 + 500_000]);
  });
});
