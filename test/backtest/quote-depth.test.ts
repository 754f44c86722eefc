/**
 * Matching against L1 quotes with sizes (`VenueConfig.quoteDepth`), hand-computed through the real
 * BacktestEngine on a 0.01-tick stock. Orders are placed on quote 0 and first matched on quote 1.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VenueConfig } from '../../src/backtest/engine.js';
import { fixedTickSlippage } from '../../src/backtest/slippage/index.js';
import type { QuoteTick } from '../../src/model/data.js';
import type { Order } from '../../src/model/order.js';
import { MICROS_PER_SECOND } from '../../src/model/time.js';
import type { OrderOptions } from '../../src/strategy/strategy.js';
import { priceQty, quote, runScript, type Scripted, STOCK, T0 } from '../support/scripted-backtest.js';

const S = MICROS_PER_SECOND;
/** 99.99 × 3 / 100.00 × 3 at T0 + i seconds. */
const touch3 = (i: number): QuoteTick => quote(T0 + i * S, 99.99, 3, 100, 3);

function marketBuy(
  quotes: QuoteTick[],
  venue: Partial<VenueConfig>,
  quantity = 10,
  options: OrderOptions = {},
): { strategy: Scripted; order: Order } {
  let order: Order | undefined;
  const { strategy } = runScript(
    quotes,
    'quotes',
    { 0: (s) => (order = s.buy(STOCK.id, quantity, options)) },
    venue,
  );
  return { strategy, order: order! };
}

describe("quoteDepth 'slippage' (default): the rest fills at once beyond the touch", () => {
  test('no slippage model: a synthetic ladder one tick apart, each level the touch size (3)', () => {
    const { strategy, order } = marketBuy([touch3(0), touch3(1)], {});
    // 3 @ 100.00 (the touch), 3 @ 100.01, 3 @ 100.02, 1 @ 100.03: 10 in all, on quote 1.
    assert.deepEqual(priceQty(strategy, order), [
      [100, 3],
      [100.01, 3],
      [100.02, 3],
      [100.03, 1],
    ]);
    for (const fill of strategy.fillsOf(order)) assert.equal(fill.tsEvent, T0 + S);
    // Average (300 + 300.03 + 300.06 + 100.03) / 10 = 1000.12 / 10 = 100.012.
    assert.ok(Math.abs(order.averagePrice! - 100.012) < 1e-9);
    assert.equal(order.status, 'filled');
  });

  test('a market sell walks down from the bid: 3 @ 99.99, 3 @ 99.98, 3 @ 99.97, 1 @ 99.96', () => {
    let order: Order | undefined;
    const { strategy } = runScript([touch3(0), touch3(1)], 'quotes', {
      0: (s) => (order = s.sell(STOCK.id, 10)),
    });
    assert.deepEqual(priceQty(strategy, order!), [
      [99.99, 3],
      [99.98, 3],
      [99.97, 3],
      [99.96, 1],
    ]);
  });

  test('with a slippage model (2 ticks): 3 at the touch, the other 7 in one fill at the slipped price', () => {
    const { strategy, order } = marketBuy([touch3(0), touch3(1)], { slippage: fixedTickSlippage(2) });
    // Touch 100.00 for the shown 3; the rest 100.00 + 2 × 0.01 = 100.02.
    assert.deepEqual(priceQty(strategy, order), [
      [100, 3],
      [100.02, 7],
    ]);
  });

  test('IOC takes all of it too (the ladder is fillable at once)', () => {
    const { strategy, order } = marketBuy([touch3(0), touch3(1)], {}, 10, { timeInForce: 'IOC' });
    assert.deepEqual(priceQty(strategy, order), [
      [100, 3],
      [100.01, 3],
      [100.02, 3],
      [100.03, 1],
    ]);
    assert.equal(order.status, 'filled');
  });
});

describe("quoteDepth 'wait': the rest works on later quotes", () => {
  const quotes = [
    touch3(0),
    touch3(1),
    quote(T0 + 2 * S, 100, 4, 100.01, 4), // ask 100.01 × 4
    quote(T0 + 3 * S, 100.01, 5, 100.02, 5), // ask 100.02 × 5
  ];

  test('3 @ 100.00 on quote 1, 4 @ 100.01 on quote 2, 3 @ 100.02 on quote 3', () => {
    const { strategy, order } = marketBuy(quotes, { quoteDepth: 'wait' });
    assert.deepEqual(
      strategy.fillsOf(order).map((f) => [f.lastPrice, f.lastQuantity, f.tsEvent]),
      [
        [100, 3, T0 + S],
        [100.01, 4, T0 + 2 * S], // 7 left, 4 shown
        [100.02, 3, T0 + 3 * S], // 3 left of 5 shown
      ],
    );
    assert.equal(order.status, 'filled');
  });

  test('IOC: 3 @ 100.00, the other 7 canceled', () => {
    const { strategy, order } = marketBuy(quotes, { quoteDepth: 'wait' }, 10, { timeInForce: 'IOC' });
    assert.deepEqual(priceQty(strategy, order), [[100, 3]]);
    assert.equal(order.status, 'canceled');
    assert.equal(order.filledQuantity, 3);
    assert.equal(strategy.eventOf(order, 'canceled')?.reason, 'IOC: rest canceled after a partial fill');
  });

  test('FOK: 3 shown of 10 wanted, nothing fills', () => {
    const { strategy, order } = marketBuy(quotes, { quoteDepth: 'wait' }, 10, { timeInForce: 'FOK' });
    assert.deepEqual(priceQty(strategy, order), []);
    assert.equal(strategy.eventOf(order, 'canceled')?.reason, 'FOK: not fillable in full');
  });

  test('two market buys (3 and 3) share the 4 shown at 100.00: 3 + 1, the second’s other 2 wait', () => {
    const orders: Order[] = [];
    const { strategy } = runScript(
      [quote(T0, 99.99, 4, 100, 4), quote(T0 + S, 99.99, 4, 100, 4), quote(T0 + 2 * S, 100, 4, 100.01, 4)],
      'quotes',
      { 0: (s) => orders.push(s.buy(STOCK.id, 3), s.buy(STOCK.id, 3)) },
      { quoteDepth: 'wait' },
    );
    // Quote 1: the first (sent first) takes 3 of 4, the second the last 1; quote 2: 2 @ 100.01.
    assert.deepEqual(priceQty(strategy, orders[0]), [[100, 3]]);
    assert.deepEqual(priceQty(strategy, orders[1]), [
      [100, 1],
      [100.01, 2],
    ]);
  });
});

describe("quoteDepth 'unlimited'", () => {
  test('the displayed size is ignored: 10 @ 100.00', () => {
    const { strategy, order } = marketBuy([touch3(0), touch3(1)], { quoteDepth: 'unlimited' });
    assert.deepEqual(priceQty(strategy, order), [[100, 10]]);
  });
});

describe("two market orders on one quote with quoteDepth 'slippage'", () => {
  test('the second buy gets only what the first left at the touch, then the synthetic levels (4 each)', {}, () => {
    const shown4 = (i: number) => quote(T0 + i * S, 99.99, 4, 100, 4);
    const exhausted: Order[] = [];
    const a = runScript([shown4(0), shown4(1)], 'quotes', {
      0: (s) => exhausted.push(s.buy(STOCK.id, 4), s.buy(STOCK.id, 2)),
    });
    // The first takes all 4 shown at 100.00; nothing is left at the touch: the second buys 2 on the
    // first synthetic level, 100.01 × 4.
    assert.deepEqual(priceQty(a.strategy, exhausted[0]), [[100, 4]]);
    assert.deepEqual(priceQty(a.strategy, exhausted[1]), [[100.01, 2]]);

    const partly: Order[] = [];
    const b = runScript([shown4(0), shown4(1)], 'quotes', {
      0: (s) => partly.push(s.buy(STOCK.id, 3), s.buy(STOCK.id, 3)),
    });
    // The first takes 3 of 4; the second 1 @ 100.00, then 2 @ 100.01 (a level of 4, the touch size).
    assert.deepEqual(priceQty(b.strategy, partly[1]), [
      [100, 1],
      [100.01, 2],
    ]);
  });
});

describe('a resting limit on quotes', () => {
  test('a limit buy 10 @ 99.98 fills only the ask size when the ask comes down to it', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      [
        quote(T0, 99.99, 3, 100, 3), // placed here: not marketable (ask 100.00 > 99.98)
        quote(T0 + S, 99.96, 5, 99.98, 4), // ask at the limit, 4 shown
        quote(T0 + 2 * S, 99.96, 5, 99.99, 10), // ask above the limit: nothing
        quote(T0 + 3 * S, 99.95, 5, 99.97, 10), // ask below the limit, 10 shown
      ],
      'quotes',
      { 0: (s) => (order = s.buy(STOCK.id, 10, { price: 99.98 })) },
    );
    // 4 @ 99.98 on quote 1 (partially filled, 6 left); none on quote 2; 6 @ 99.97 (the ask, better
    // than the limit) on quote 3.
    assert.deepEqual(
      strategy.fillsOf(order!).map((f) => [f.lastPrice, f.lastQuantity, f.tsEvent]),
      [
        [99.98, 4, T0 + S],
        [99.97, 6, T0 + 3 * S],
      ],
    );
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'filled', 'filled']);
    assert.equal(order!.status, 'filled');
    // (4 × 99.98 + 6 × 99.97) / 10 = (399.92 + 599.82) / 10 = 99.974.
    assert.ok(Math.abs(order!.averagePrice! - 99.974) < 1e-9);
  });
});
