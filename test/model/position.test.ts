/**
 * Position netting: opening, adding, reducing, closing and reversing through zero, realised and
 * unrealised P&L, and a property test against the P&L computed from the fill list alone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { currency, USD } from '../../src/model/currency.js';
import { Position } from '../../src/model/position.js';
import { assertCents, fillArbitrary, netQuantity, pnlFromFills, type TestFill } from '../support/fills.js';

const es = (): Position => new Position('ESZ5.CME', 50, USD);
const stock = (): Position => new Position('AAPL.NASDAQ', 1, USD);

describe('Position netting', () => {
  test('a first fill opens the position at the fill price', () => {
    const p = es();
    const result = p.applyFill('buy', 2, 4000.25, 4.5, 10);
    assert.deepEqual(result, { closedQuantity: 0, realizedPnl: 0, previousQuantity: 0 });
    assert.deepEqual([p.quantity, p.averageOpenPrice, p.realizedPnl, p.commissions], [2, 4000.25, 0, 4.5]);
    assert.deepEqual(
      [p.isLong, p.isShort, p.isFlat, p.tsOpened, p.tsLast, p.fillCount],
      [true, false, false, 10, 10, 1],
    );
  });

  test('adding on the same side averages the open price by quantity', () => {
    const p = es();
    p.applyFill('buy', 1, 4000, 0, 1);
    p.applyFill('buy', 3, 4004, 0, 2);
    assert.equal(p.quantity, 4);
    assert.equal(p.averageOpenPrice, 4003);
    assert.equal(p.tsOpened, 1);
  });

  test('reducing realises P&L on the closed part and keeps the average price', () => {
    const p = es();
    p.applyFill('buy', 4, 4000, 0, 1);
    const result = p.applyFill('sell', 1, 4002.5, 0, 2);
    assert.deepEqual(result, { closedQuantity: 1, realizedPnl: 125, previousQuantity: 4 });
    assert.deepEqual([p.quantity, p.averageOpenPrice, p.realizedPnl], [3, 4000, 125]);
  });

  test('closing to zero makes the position flat with average price 0', () => {
    const p = stock();
    p.applyFill('buy', 10, 150.1, 0, 1);
    p.applyFill('sell', 10, 149.85, 0, 2);
    assert.equal(p.isFlat, true);
    assert.equal(p.averageOpenPrice, 0);
    assert.equal(p.realizedPnl, -2.5);
    assert.equal(p.unrealizedPnl(200), 0);
  });

  test('a reversing fill closes at the fill price and opens the remainder at the same price', () => {
    const p = es();
    p.applyFill('buy', 2, 4000, 0, 1);
    const result = p.applyFill('sell', 5, 3990, 0, 7);
    assert.deepEqual(result, { closedQuantity: 2, realizedPnl: -1000, previousQuantity: 2 });
    assert.deepEqual([p.quantity, p.averageOpenPrice, p.realizedPnl, p.tsOpened], [-3, 3990, -1000, 7]);
    assert.equal(p.unrealizedPnl(3980), 1500, 'a short gains when the price falls');
  });

  test('commissions are tracked apart from price P&L', () => {
    const p = es();
    p.applyFill('buy', 1, 4000, 2.25, 1);
    p.applyFill('sell', 1, 4001, 2.25, 2);
    assert.equal(p.realizedPnl, 50);
    assert.equal(p.commissions, 4.5);
  });

  test('market value and unrealised P&L use the multiplier and sign', () => {
    const p = es();
    p.applyFill('sell', 2, 4000, 0, 1);
    assert.equal(p.marketValue(4010), -2 * 4010 * 50);
    assert.equal(p.unrealizedPnl(4010), -1000);
  });

  test('fractional quantities that net to zero in float noise leave the position exactly flat', () => {
    const p = new Position('BTC/USDT.BINANCE', 1, currency('USDT'));
    p.applyFill('buy', 0.1, 30000, 0, 1);
    p.applyFill('buy', 0.2, 30000, 0, 2);
    p.applyFill('sell', 0.3, 30010, 0, 3);
    assert.equal(p.quantity, 0);
    assert.equal(p.isFlat, true);
    assert.equal(p.realizedPnl, 3);
  });

  test('realised P&L is booked at the currency precision', () => {
    const p = new Position('7203.TSE', 1, currency('JPY'));
    p.applyFill('buy', 3, 2000, 0, 1);
    p.applyFill('buy', 4, 2001.5, 0, 2);
    p.applyFill('sell', 1, 2003, 0, 3); // avg 2000.857…: 2.142… yen → 2
    assert.equal(p.realizedPnl, 2);
  });

  test('a fill quantity must be positive', () => {
    for (const quantity of [0, -1, Number.NaN])
      assert.throws(() => es().applyFill('buy', quantity, 4000, 0, 1), /must be positive/);
  });
});

describe('Position P&L against the fill list', () => {
  test('a round trip scaled in at two prices realises exactly its cash flows', () => {
    // Bought 1 @ 100 and 2 @ 100.25 (average 100.1666…), sold 3 @ 101 one at a time:
    // cash flows (−100 − 200.50 + 303) × 50 = 125.00. Rounding each closing part at the
    // unrounded average books 41.67 three times = 125.01.
    const p = es();
    p.applyFill('buy', 1, 100, 0, 1);
    p.applyFill('buy', 2, 100.25, 0, 2);
    for (let i = 0; i < 3; i++) p.applyFill('sell', 1, 101, 0, 3 + i);
    assert.equal(p.isFlat, true);
    assertCents(p.realizedPnl, 125, 'realised P&L of the round trip');
  });

  const cases = [
    { name: 'ES futures (tick 0.25, multiplier 50)', make: es, tick: 0.25, multiplier: 50, center: 16_000 },
    { name: 'a stock (tick 0.01, multiplier 1)', make: stock, tick: 0.01, multiplier: 1, center: 15_000 },
  ];
  for (const c of cases) {
    test(`${c.name}: realised + unrealised(p) equals the P&L of the fills at p, to the cent`, () => {
      fc.assert(
        fc.property(
          fc.array(fillArbitrary(c.center), { minLength: 1, maxLength: 40 }),
          fc.integer({ min: c.center - 300, max: c.center + 300 }),
          (fills: TestFill[], markTicks) => {
            const p = c.make();
            fills.forEach((f, i) => {
              p.applyFill(f.side, f.quantity, f.ticks * c.tick, f.commissionCents / 100, i);
            });
            const mark = markTicks * c.tick;
            assert.equal(p.quantity, netQuantity(fills));
            assert.equal(p.fillCount, fills.length);
            assertCents(
              p.realizedPnl + p.unrealizedPnl(mark),
              pnlFromFills(fills, c.tick, c.multiplier, mark),
              'total P&L',
            );
          },
        ),
        { numRuns: 500 },
      );
    });
  }
});
