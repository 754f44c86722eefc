/**
 * RoundTripTracker: a trade runs from flat to flat, a reversing fill is split (with its fee) between
 * the trade it closes and the one it opens. Unit cases and a property test against an independent
 * segmentation of random fill lists.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { USD } from '../../src/model/currency.js';
import type { OrderSide } from '../../src/model/enums.js';
import { RoundTripTracker } from '../../src/portfolio/round-trips.js';
import {
  assertCents,
  fillArbitrary,
  pnlFromFills,
  segmentsFromFills,
  type TestFill,
  totalCommission,
  withFlatteningFill,
} from '../support/fills.js';

const ES = 'ESZ5.CME';
const NQ = 'NQZ5.CME';

/** Feeds [side, quantity, price, commission] fills of one instrument, fill i at time i and bar i. */
function track(
  fills: readonly (readonly [OrderSide, number, number, number])[],
  multiplier = 1,
  id = ES,
): RoundTripTracker {
  const tracker = new RoundTripTracker(USD);
  fills.forEach(([side, quantity, price, commission], i) => {
    tracker.onFill(id, multiplier, side, quantity, price, commission, 1_000 + i, i);
  });
  return tracker;
}

describe('RoundTripTracker', () => {
  test('a long round trip records prices, P&L, fees, time and bars held', () => {
    const tracker = track(
      [
        ['buy', 2, 100, 1],
        ['sell', 2, 105, 1],
      ],
      50,
    );
    assert.equal(tracker.openTradeCount(), 0);
    assert.deepEqual(tracker.closed, [
      {
        instrumentId: ES,
        direction: 'long',
        quantity: 2,
        entryTime: 1_000,
        exitTime: 1_001,
        entryPrice: 100,
        exitPrice: 105,
        grossPnl: 500,
        commissions: 2,
        netPnl: 498,
        barsHeld: 1,
      },
    ]);
  });

  test('a short round trip gains when the price falls', () => {
    const [trade] = track([
      ['sell', 3, 50.5, 0],
      ['buy', 3, 49.25, 0],
    ]).closed;
    assert.equal(trade.direction, 'short');
    assert.equal(trade.grossPnl, 3.75);
  });

  test('scaling in and out: VWAP entry and exit prices, largest quantity, no trade until flat', () => {
    const tracker = track([
      ['buy', 1, 100, 0],
      ['buy', 3, 104, 0],
      ['sell', 2, 105, 0],
      ['sell', 2, 106, 0],
    ]);
    assert.equal(tracker.closed.length, 1);
    const [trade] = tracker.closed;
    assert.deepEqual(
      [trade.quantity, trade.entryPrice, trade.exitPrice, trade.grossPnl, trade.barsHeld],
      [4, 103, 105.5, 10, 3],
    );
  });

  test('a reversing fill closes one trade and opens the next, splitting its fee by quantity', () => {
    const tracker = track([
      ['buy', 2, 100, 2],
      ['sell', 5, 110, 5],
      ['buy', 3, 105, 3],
    ]);
    assert.equal(tracker.closed.length, 2);
    const [long, short] = tracker.closed;
    assert.deepEqual(
      [long.direction, long.quantity, long.grossPnl, long.commissions, long.netPnl],
      ['long', 2, 20, 4, 16],
    );
    assert.deepEqual(
      [short.direction, short.quantity, short.entryPrice, short.grossPnl, short.commissions],
      ['short', 3, 110, 15, 6],
    );
    assert.deepEqual([short.entryTime, short.exitTime], [1_001, 1_002]);
  });

  test('instruments are tracked separately', () => {
    const tracker = new RoundTripTracker(USD);
    tracker.onFill(ES, 50, 'buy', 1, 6000, 0, 1, 0);
    tracker.onFill(NQ, 20, 'sell', 1, 21000, 0, 2, 1);
    tracker.onFill(ES, 50, 'sell', 1, 6001, 0, 3, 2);
    assert.equal(tracker.openTradeCount(), 1);
    assert.deepEqual(
      tracker.closed.map((t) => [t.instrumentId, t.grossPnl]),
      [[ES, 50]],
    );
  });

  test('adding again after a partial exit: gross P&L equals the cash flows of the trade', () => {
    // buy 2 @ 100, sell 1 @ 110, buy 1 @ 120, sell 2 @ 110: paid 200 + 120, received 110 + 220 → +10.
    const [trade] = track([
      ['buy', 2, 100, 0],
      ['sell', 1, 110, 0],
      ['buy', 1, 120, 0],
      ['sell', 2, 110, 0],
    ]).closed;
    assert.equal(trade.grossPnl, 10);
    assert.equal(trade.netPnl, 10);
  });

  test('the fee of a reversing fill is split into whole cents that add up to the fee charged', () => {
    // One cent split 1:1 between the long it closes and the short it opens.
    const tracker = track([
      ['buy', 1, 100, 0],
      ['sell', 2, 100, 0.01],
      ['buy', 1, 100, 0],
    ]);
    const fees = tracker.closed.reduce((sum, t) => sum + t.commissions, 0);
    assertCents(fees, 0.01, 'commissions of both trades');
  });
});

describe('RoundTripTracker against an independent segmentation (property)', () => {
  const TICK = 0.25;
  const M = 50;

  test('trades, directions, sizes and net P&L match; once flat their sum is the P&L of all fills', () => {
    fc.assert(
      fc.property(
        fc.array(fillArbitrary(24_000, 60), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        (random, flatten) => {
          const fills: TestFill[] = flatten ? withFlatteningFill(random) : random;
          const tracker = new RoundTripTracker(USD);
          fills.forEach((f, i) => {
            tracker.onFill(ES, M, f.side, f.quantity, f.ticks * TICK, f.commissionCents / 100, i, i);
          });
          const { closed, open } = segmentsFromFills(fills);
          assert.equal(tracker.closed.length, closed.length, 'closed trade count');
          assert.equal(tracker.openTradeCount(), open ? 1 : 0);
          closed.forEach((s, i) => {
            const t = tracker.closed[i];
            assert.deepEqual(
              [t.direction, t.quantity, t.barsHeld],
              [s.direction, s.maxQuantity, s.exitIndex - s.entryIndex],
            );
            assertCents(t.grossPnl, s.flowTicks * TICK * M, `gross P&L of trade ${i}`);
            // A trade shares at most two fees (the fills that open and close it), each split to whole cents.
            assert.ok(Math.abs(t.commissions - s.commission) <= 0.01 + 1e-7, `commissions of trade ${i}`);
            assert.ok(
              Number.isInteger(Math.round(t.commissions * 1e6) / 1e4),
              `whole cents: ${t.commissions}`,
            );
            assertCents(t.netPnl, t.grossPnl - t.commissions, `net = gross − fees, trade ${i}`);
          });
          if (open === undefined) {
            const sum = tracker.closed.reduce((s, t) => s + t.netPnl, 0);
            const lastTicks = fills[fills.length - 1].ticks;
            assertCents(
              sum,
              pnlFromFills(fills, TICK, M, lastTicks * TICK) - totalCommission(fills),
              'sum of net P&L',
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
