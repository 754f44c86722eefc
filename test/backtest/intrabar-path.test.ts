/**
 * Intrabar price paths (`VenueConfig.intrabarPath`), hand-computed on minute bars of a 0.01-tick
 * stock through the real BacktestEngine: OCO brackets, stop-limits, trailing stops and trailing
 * stop-limits. Bar i closes at T0 + i minutes; fills on it are stamped with its open time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IntrabarPath } from '../../src/backtest/bar-fills.js';
import type { Order } from '../../src/model/order.js';
import type { OrderUpdated } from '../../src/model/order-events.js';
import type { OrderOptions } from '../../src/strategy/strategy.js';
import {
  minuteBars,
  type Ohlc,
  openOf,
  priceQty,
  runScript,
  type Scripted,
  STOCK,
} from '../support/scripted-backtest.js';

/** The trigger prices of the `updated` events an order received, in order. */
const triggerMoves = (s: Scripted, order: Order): (number | undefined)[] =>
  s.events
    .filter((e): e is OrderUpdated => e.kind === 'updated' && e.clientOrderId === order.clientOrderId)
    .map((e) => e.triggerPrice);

describe('intrabar path: an OCO bracket whose take-profit and stop-loss are both inside one bar', () => {
  // Bar 0 (signal): a market bracket buy of 10, take-profit 101 (limit sell), stop-loss 99 (stop sell).
  // Bar 1: the entry fills at its open, 100; the exits reach the venue at bar 1's close, so bar 2 is
  // the first bar they are matched against.
  // HIGH_NEAR: open 100.5, high 101.25 (0.75 away), low 98.5 (2.00 away) → proximity visits the high first.
  // LOW_NEAR: open 99.5, high 101.5 (2.00 away), low 98.75 (0.75 away) → proximity visits the low first.
  const HIGH_NEAR: Ohlc = [100.5, 101.25, 98.5, 99];
  const LOW_NEAR: Ohlc = [99.5, 101.5, 98.75, 100];
  const cases: [string, IntrabarPath | undefined, Ohlc, 'take-profit' | 'stop-loss', number][] = [
    // Path 100.5 → 101.25 → 98.5 → 99: the limit sell at 101 is reached first (at 101, no gap).
    ['proximity (default), high nearer', undefined, HIGH_NEAR, 'take-profit', 101],
    // Path 99.5 → 98.75 → 101.5 → 100: the stop at 99 is reached first; it fills at 99 (no gap).
    ['proximity, low nearer', 'proximity', LOW_NEAR, 'stop-loss', 99],
    // ohlc on LOW_NEAR: 99.5 → 101.5 → 98.75 → 100: the high first → take-profit at 101.
    ['ohlc', 'ohlc', LOW_NEAR, 'take-profit', 101],
    // olhc on HIGH_NEAR: 100.5 → 98.5 → 101.25 → 99: the low first → stop-loss at 99.
    ['olhc', 'olhc', HIGH_NEAR, 'stop-loss', 99],
  ];
  for (const [label, mode, exitBar, winner, price] of cases) {
    test(`${label}: the ${winner} fills at ${price}, the other exit is canceled`, () => {
      let legs: { entry: Order; takeProfit: Order; stopLoss: Order } | undefined;
      const rows: Ohlc[] = [[100, 100.5, 99.5, 100], [100, 100.2, 99.8, 100], exitBar, [100, 100, 100, 100]];
      const { result, strategy } = runScript(
        minuteBars(rows),
        'bars',
        { 0: (s) => (legs = s.bracket(STOCK.id, 'buy', 10, { takeProfit: 101, stopLoss: 99 })) },
        mode === undefined ? {} : { intrabarPath: mode },
      );
      const { entry, takeProfit, stopLoss } = legs!;
      const [won, lost] = winner === 'take-profit' ? [takeProfit, stopLoss] : [stopLoss, takeProfit];
      // Entry: buy 10 at bar 1's open 100; exit: sell 10 at `price` on bar 2 (stamped at its open).
      assert.deepEqual(
        result.fills.map((f) => [f.clientOrderId, f.side, f.price, f.quantity, f.time]),
        [
          [entry.clientOrderId, 'buy', 100, 10, openOf(1)],
          [won.clientOrderId, 'sell', price, 10, openOf(2)],
        ],
      );
      assert.equal(won.status, 'filled');
      assert.equal(lost.status, 'canceled');
      assert.equal(lost.filledQuantity, 0);
      assert.equal(strategy.position(STOCK.id), 0); // +10 − 10
      // P&L of the round trip: (price − 100) × 10 = +10 (take-profit) or −10 (stop-loss).
      assert.equal(result.trades[0].grossPnl, (price - 100) * 10);
    });
  }
});

describe('intrabar path: a stop-limit fills only if its limit is reached after the trigger', () => {
  // Stop-limit buy: trigger 101, limit 100.5 (buy the breakout, but pay at most 100.5), placed on bar 0.
  // Bar 1: open 100.2, high 101.2 (1.00 away), low 100.0 (0.20 away), close 100.8.
  const rows: Ohlc[] = [
    [100, 100.3, 99.9, 100],
    [100.2, 101.2, 100, 100.8],
    [100.6, 100.9, 100.4, 100.5],
  ];
  const place = (s: Scripted): Order => s.buy(STOCK.id, 10, { triggerPrice: 101, price: 100.5 });

  test('ohlc: 100.2 → 101.2 (triggered at 101) → 100.0 (reaches 100.5 after the trigger): fills at 100.5', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      minuteBars(rows),
      'bars',
      { 0: (s) => (order = place(s)) },
      { intrabarPath: 'ohlc' },
    );
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'triggered', 'filled']);
    // Triggered at 101 > limit 100.5, so not at the trigger; the way down to 100.0 passes 100.5: 10 @ 100.5 on bar 1.
    assert.deepEqual(priceQty(strategy, order!), [[100.5, 10]]);
    assert.equal(strategy.fillsOf(order!)[0].tsEvent, openOf(1));
  });

  for (const mode of ['olhc', 'proximity'] as const) {
    test(`${mode}: 100.2 → 100.0 (before the trigger) → 101.2 (triggered) → 100.8: unfilled on bar 1, fills on bar 2`, () => {
      // proximity: low 0.20 away < high 1.00 away → low first, the same path as olhc.
      let order: Order | undefined;
      const { strategy } = runScript(
        minuteBars(rows),
        'bars',
        { 0: (s) => (order = place(s)) },
        { intrabarPath: mode },
      );
      // Bar 1: 100.0 ≤ 100.5 comes before the trigger and does not count; after 101.2 the path only
      // falls to the close 100.8 > 100.5: triggered, not filled. Bar 2: a limit buy 100.5; open 100.6
      // > 100.5, the low 100.4 reaches it: 10 @ 100.5, stamped at bar 2's open.
      assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'triggered', 'filled']);
      assert.equal(strategy.eventOf(order!, 'triggered')?.tsEvent, openOf(1));
      assert.deepEqual(priceQty(strategy, order!), [[100.5, 10]]);
      assert.equal(strategy.fillsOf(order!)[0].tsEvent, openOf(2));
      // Resting after its trigger, the limit adds liquidity when bar 2 comes down to it.
      assert.equal(strategy.fillsOf(order!)[0].liquidity, 'maker');
    });
  }
});

describe('intrabar path: a trailing stop sell trails the highs and fills when the price falls back', () => {
  // Bar 0 closes at 100: a market buy of 10 and a trailing stop sell of 10, 1.00 behind the best price.
  // Each bar below is [open, high, low, close]; with the default proximity path:
  const rows: Ohlc[] = [
    [100, 100.5, 99.5, 100], // 0: signal bar; the trigger starts at 100 − 1 = 99 on acceptance
    [100.2, 101, 100, 100.8], // 1: low 0.2 away → 100.2 → 100.0 → 101 → 100.8: best 101 → trigger 100
    [100.9, 102.5, 100.7, 102], // 2: 100.9 → 100.7 → 102.5 → 102: best 102.5 → trigger 101.5
    [101.8, 102.2, 101.6, 101.7], // 3: 101.8 → 101.6 → 102.2 → 101.7: no new best, 101.6 > 101.5: no move, no fill
  ];
  // Bar 4 variants: high 0.1 away → 101.9 → 102.0 → 101.2 → 101.3: falls through the trigger inside the bar.
  const FALLS_TO_IT: Ohlc = [101.9, 102, 101.2, 101.3];
  // Gap: opens at 101.0, below every trigger: fills at the open.
  const GAPS_BELOW: Ohlc = [101, 101.4, 100.8, 101.2];

  const offsets: [string, OrderOptions, number[], number][] = [
    // price 1.00: triggers 99, 100, 101.5
    ['price offset 1.00', { trailingOffset: 1 }, [99, 100, 101.5], 101.5],
    // 100 ticks of 0.01 = 1.00: the same triggers
    ['offset 100 ticks', { trailingOffset: 100, trailingOffsetType: 'ticks' }, [99, 100, 101.5], 101.5],
    // 1 %: 100 − 1.00 = 99; bar 1: the open 100.2 first → 100.2 − 1.002 = 99.198 → floor 99.19, then
    // 101 − 1.01 = 99.99; bar 2: 102.5 − 1.025 = 101.475 → floor 101.47 (stops sit away from the market).
    ['offset 1 %', { trailingOffset: 1, trailingOffsetType: 'percent' }, [99, 99.99, 101.47], 101.47],
  ];

  for (const [label, options, moves, lastTrigger] of offsets) {
    test(`${label}: trigger ${moves.join(' → ')}, never down, fills at ${lastTrigger} when bar 4 falls to it`, () => {
      let stop: Order | undefined;
      const { strategy } = runScript(minuteBars([...rows, FALLS_TO_IT]), 'bars', {
        0: (s) => {
          s.buy(STOCK.id, 10);
          stop = s.sell(STOCK.id, 10, { type: 'trailing-stop-market', ...options });
        },
      });
      // One `updated` per move, as the venue reports them (the percent run's intermediate 99.19 and
      // 99.99 come from the same bar: one event with the bar's final trigger).
      assert.deepEqual(triggerMoves(strategy, stop!), moves);
      assert.deepEqual(strategy.kindsOf(stop!), [
        'submitted',
        'accepted',
        'updated',
        'updated',
        'updated',
        'triggered',
        'filled',
      ]);
      // Bar 4 falls from 102.0 to 101.2, through the trigger: 10 @ the trigger, stamped at bar 4's open.
      assert.deepEqual(priceQty(strategy, stop!), [[lastTrigger, 10]]);
      assert.equal(strategy.fillsOf(stop!)[0].tsEvent, openOf(4));
      assert.equal(strategy.position(STOCK.id), 0);
    });

    test(`${label}: a gap open below the trigger fills at the open (101.0)`, () => {
      let stop: Order | undefined;
      const { strategy } = runScript(minuteBars([...rows, GAPS_BELOW]), 'bars', {
        0: (s) => {
          s.buy(STOCK.id, 10);
          stop = s.sell(STOCK.id, 10, { type: 'trailing-stop-market', ...options });
        },
      });
      assert.deepEqual(triggerMoves(strategy, stop!), moves);
      // Open 101.0 ≤ trigger (101.5 or 101.47): a gap through the stop, filled at the open (worse).
      assert.deepEqual(priceQty(strategy, stop!), [[101, 10]]);
      assert.equal(strategy.fillsOf(stop!)[0].tsEvent, openOf(4));
    });
  }
});

describe('intrabar path: a trailing stop buy mirrors the sell', () => {
  test('50 ticks above the lowest price: 100.5 → 99.7 (never up), fills when the price rises to it', () => {
    let stop: Order | undefined;
    const { strategy } = runScript(
      minuteBars([
        [100, 100.5, 99.5, 100], // 0: accepted at 100: trigger 100 + 0.50 = 100.5
        // 1: high 0.2 from the open, low 0.6 → 99.8 → 100.0 → 99.2 → 99.4: lowest 99.2 → trigger 99.7
        // (the rise to 100.0 stays below the 100.3 the open gave it)
        [99.8, 100, 99.2, 99.4],
        // 2: low 0.1 from the open → 99.5 → 99.4 → 99.9 → 99.8: no new low (99.4 > 99.2); rises
        // through 99.7: 10 @ 99.7
        [99.5, 99.9, 99.4, 99.8],
      ]),
      'bars',
      {
        0: (s) => {
          s.sell(STOCK.id, 10);
          stop = s.buy(STOCK.id, 10, {
            type: 'trailing-stop-market',
            trailingOffset: 50,
            trailingOffsetType: 'ticks',
          });
        },
      },
    );
    assert.deepEqual(triggerMoves(strategy, stop!), [100.5, 99.7]);
    assert.deepEqual(priceQty(strategy, stop!), [[99.7, 10]]);
    assert.equal(strategy.fillsOf(stop!)[0].tsEvent, openOf(2));
  });
});

describe('intrabar path: a trailing stop-limit (sell, 1.00 behind, limit 0.50 below the trigger)', () => {
  const rows: Ohlc[] = [
    [100, 100.5, 99.5, 100], // 0: accepted at 100: trigger 99, limit 98.5
    [100.2, 101, 100, 100.8], // 1: best 101: trigger 100, limit 99.5
  ];
  const place = (s: Scripted): Order =>
    s.sell(STOCK.id, 10, { type: 'trailing-stop-limit', trailingOffset: 1, limitOffset: 0.5 });

  test('the limit follows the trigger in the updated events', () => {
    let order: Order | undefined;
    const { strategy } = runScript(minuteBars([...rows, [100.9, 101, 100.6, 100.7]]), 'bars', {
      0: (s) => (order = place(s)),
    });
    const updates = strategy.events
      .filter((e): e is OrderUpdated => e.kind === 'updated' && e.clientOrderId === order!.clientOrderId)
      .map((e) => [e.triggerPrice, e.price]);
    // 100 − 1 = 99 with limit 99 − 0.5 = 98.5; then 101 − 1 = 100 with limit 99.5. Bar 2 (high 101,
    // low 100.6) neither moves nor reaches the trigger 100.
    assert.deepEqual(updates, [
      [99, 98.5],
      [100, 99.5],
    ]);
    assert.equal(order!.status, 'accepted');
    assert.deepEqual([order!.triggerPrice, order!.price], [100, 99.5]);
  });

  test('falling through the trigger inside a bar fills at the trigger (within the limit)', () => {
    let order: Order | undefined;
    // Bar 2: high 0.1 away → 100.6 → 100.7 → 99.6 → 99.8: reaches the trigger 100 on the way down;
    // 100 ≥ limit 99.5, so it fills there.
    const { strategy } = runScript(minuteBars([...rows, [100.6, 100.7, 99.6, 99.8]]), 'bars', {
      0: (s) => (order = place(s)),
    });
    assert.deepEqual(priceQty(strategy, order!), [[100, 10]]);
    assert.equal(strategy.fillsOf(order!)[0].tsEvent, openOf(2));
  });

  test('a gap through trigger and limit leaves it triggered and unfilled until the price comes back to the limit', () => {
    let order: Order | undefined;
    const { strategy } = runScript(
      minuteBars([
        ...rows,
        [99, 99.3, 98.8, 99.2], // 2: opens at 99.0, below the trigger 100 and the limit 99.5; high 99.3 < 99.5
        [99.4, 99.8, 99.3, 99.6], // 3: a limit sell at 99.5: open 99.4 below it, the high 99.8 reaches it
      ]),
      'bars',
      { 0: (s) => (order = place(s)) },
    );
    // Bar 2 triggers the order (gap) but a sell limit at 99.5 cannot fill at 99.0 … 99.3.
    assert.equal(strategy.eventOf(order!, 'triggered')?.tsEvent, openOf(2));
    // Bar 3: 10 @ 99.5, the limit (not the 99.4 open), stamped at bar 3's open.
    assert.deepEqual(priceQty(strategy, order!), [[99.5, 10]]);
    assert.equal(strategy.fillsOf(order!)[0].tsEvent, openOf(3));
    assert.deepEqual(strategy.kindsOf(order!), [
      'submitted',
      'accepted',
      'updated',
      'updated',
      'triggered',
      'filled',
    ]);
  });
});
