/** Percentage of volume through a real backtest on hand-made trade ticks and bars. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pov } from '../../../src/execution/algorithms/index.js';
import { BarType } from '../../../src/model/data.js';
import { equity } from '../../../src/model/instruments.js';
import { childFills, minuteBars, runAlgo, T1, trades } from './harness.js';

const ABC = equity({ symbol: 'ABC', venue: 'SIM' });
const SEC = 1_000_000;
const tape = () =>
  trades(ABC, [
    [10, 100],
    [10.01, 50],
    [10.02, 200],
    [10.03, 150],
    [10.04, 300],
    [10.05, 100],
  ]);

describe('POV', () => {
  test('10 % of the traded volume: children 10, 5, 15, each filled at the next trade', () => {
    const { handle } = runAlgo({
      instrument: ABC,
      data: tape(),
      launchAtStart: true,
      launch: () => pov({ instrumentId: ABC.id, side: 'buy', quantity: 30, rate: 0.1 }),
    });
    // After trade 1: volume 100 → target 10. Trade 2 fills it; volume 150 → target 15 → 5.
    // Trade 3 fills that; volume 350 → 35, capped at 30 → 15. Trade 4 fills it: done.
    assert.deepEqual(childFills(handle), [
      { quantity: 10, fills: [[T1 + SEC, 10, 10.01]] },
      { quantity: 5, fills: [[T1 + 2 * SEC, 5, 10.02]] },
      { quantity: 15, fills: [[T1 + 3 * SEC, 15, 10.03]] },
    ]);
    assert.equal(handle.status, 'completed');
    assert.equal(handle.arrivalPrice, 10, 'taken with the first child: the last trade');
  });

  test('max child 8 spreads the catch-up; min child 6 waits for a bigger deficit', () => {
    const capped = runAlgo({
      instrument: ABC,
      data: tape(),
      launchAtStart: true,
      launch: () => pov({ instrumentId: ABC.id, side: 'buy', quantity: 30, rate: 0.1, maxChildQuantity: 8 }),
    }).handle;
    // Targets 10, 15, 30, 30: children 8, 7 (15 − 8), 8 (of 15), 7.
    assert.deepEqual(
      capped.children.map((c) => c.quantity),
      [8, 7, 8, 7],
    );
    assert.equal(capped.status, 'completed');

    const small = trades(ABC, [
      [10, 30],
      [10, 30],
      [10, 30],
      [10, 30],
    ]);
    const floored = runAlgo({
      instrument: ABC,
      data: small,
      launchAtStart: true,
      launch: () => pov({ instrumentId: ABC.id, side: 'buy', quantity: 8, rate: 0.1, minChildQuantity: 6 }),
    }).handle;
    // Targets 3 (below the minimum: wait), 6 → 6, then 8 (9 capped): 2 is the parent's last piece.
    assert.deepEqual(
      floored.children.map((c) => [c.quantity, c.tsInit]),
      [
        [6, T1 + SEC],
        [2, T1 + 2 * SEC],
      ],
    );
  });

  test('on bars: the bar volume is the market volume', () => {
    const bars = minuteBars(ABC, [
      [10, 10, 10, 10, 200],
      [10, 10, 10, 10, 300],
      [10, 10, 10, 10, 500],
    ]);
    const { handle } = runAlgo({
      instrument: ABC,
      data: bars,
      launchAtStart: true,
      launch: () =>
        pov({
          instrumentId: ABC.id,
          side: 'buy',
          quantity: 100,
          rate: 0.05,
          barType: BarType.of(ABC.id, 1, 'minute'),
        }),
    });
    // 5 % of 200 → 10; of 500 → 25 (15 more); of 1000 → 50 (25 more). Each fills at the next open.
    assert.deepEqual(
      handle.children.map((c) => [c.quantity, c.status]),
      [
        [10, 'filled'],
        [15, 'filled'],
        [25, 'accepted'],
      ],
    );
    assert.equal(handle.status, 'running', 'the data ended before the parent was done');
  });

  test('a deadline ends it expired and cancels the working child', () => {
    const { handle } = runAlgo({
      instrument: ABC,
      data: tape(),
      launchAtStart: true,
      launch: () =>
        pov({
          instrumentId: ABC.id,
          side: 'buy',
          quantity: 30,
          rate: 0.1,
          limitPrice: 9.5,
          deadline: T1 + 2 * SEC,
        }),
    });
    assert.equal(handle.status, 'expired');
    assert.deepEqual(
      handle.children.map((c) => [c.quantity, c.status]),
      [
        [10, 'canceled'],
        [5, 'canceled'],
      ],
    );
  });
});
