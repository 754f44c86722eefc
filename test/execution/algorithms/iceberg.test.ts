/** Iceberg through a real backtest on hand-made one-minute bars (ABC equity). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { iceberg } from '../../../src/execution/algorithms/index.js';
import { equity } from '../../../src/model/instruments.js';
import { minuteBars, runAlgo } from './harness.js';

const ABC = equity({ symbol: 'ABC', venue: 'SIM' });
/** Every bar opens at 105 and trades down to 104.5: a 105 buy limit fills at 105 on each. */
const flat = (n: number, volume = 1000) =>
  minuteBars(
    ABC,
    Array.from({ length: n }, () => [105, 105.5, 104.5, 105, volume] as const),
  );

describe('Iceberg', () => {
  test('10 with display 3 shows 3, 3, 3, 1: the next tranche only after the previous filled', () => {
    const { handle } = runAlgo({
      instrument: ABC,
      data: flat(8),
      launch: () =>
        iceberg({ instrumentId: ABC.id, side: 'buy', quantity: 10, displayQuantity: 3, limitPrice: 105 }),
    });
    assert.equal(handle.status, 'completed');
    assert.deepEqual(
      handle.children.map((c) => [c.quantity, c.type, c.price, c.status]),
      [
        [3, 'limit', 105, 'filled'],
        [3, 'limit', 105, 'filled'],
        [3, 'limit', 105, 'filled'],
        [1, 'limit', 105, 'filled'],
      ],
    );
    // Each tranche is sent when the previous one fills (at that bar's close time).
    const sent = handle.children.map((c) => c.tsInit);
    const filledAt = handle.children.map((c) => c.tsLast);
    assert.deepEqual(
      sent.slice(1),
      filledAt.slice(0, 3).map((_, i) => sent[i + 1]),
    );
    for (let i = 1; i < 4; i++)
      assert.ok(sent[i] >= handle.children[i - 1].events.find((e) => e.kind === 'filled')!.tsEvent);
    assert.equal(handle.averagePrice, 105);
  });

  test('a partly filled tranche keeps working; only its full fill releases the next', () => {
    // 0.2 % of 1000 = 2 per bar: the 3-lot tranches fill 2 then 1.
    const { handle } = runAlgo({
      instrument: ABC,
      data: flat(12),
      volumeParticipation: 0.002,
      launch: () =>
        iceberg({ instrumentId: ABC.id, side: 'buy', quantity: 7, displayQuantity: 3, limitPrice: 105 }),
    });
    assert.equal(handle.status, 'completed');
    assert.deepEqual(
      handle.children.map((c) => c.events.flatMap((e) => (e.kind === 'filled' ? [e.lastQuantity] : []))),
      [[2, 1], [2, 1], [1]],
    );
  });

  test('cancel cancels the working tranche; nothing more is sent', () => {
    const { handle, engine } = runAlgo({
      instrument: ABC,
      data: flat(8),
      launch: () =>
        iceberg({ instrumentId: ABC.id, side: 'buy', quantity: 10, displayQuantity: 3, limitPrice: 105 }),
      onData: (runner, index) => {
        if (index === 1) runner.handle!.cancel(); // bar 2: tranche 1 filled, tranche 2 working
      },
    });
    assert.equal(handle.status, 'canceled');
    assert.deepEqual(
      handle.children.map((c) => [c.quantity, c.status]),
      [
        [3, 'filled'],
        [3, 'canceled'],
      ],
    );
    assert.equal(engine.kernel.cache.orders().length, 2);
    assert.equal(handle.filledQuantity, 3);
    assert.equal(handle.report?.unfilledQuantity, 7);
  });

  test('a tranche canceled by someone else fails the algorithm (CHILD_CANCELED)', () => {
    const { handle } = runAlgo({
      instrument: ABC,
      data: flat(6),
      launch: () =>
        iceberg({ instrumentId: ABC.id, side: 'buy', quantity: 10, displayQuantity: 3, limitPrice: 104 }),
      onData: (runner, index) => {
        if (index === 1) runner.cancelAll(); // the strategy cancels its open orders
      },
    });
    assert.equal(handle.status, 'failed');
    assert.equal(handle.failure?.code, 'CHILD_CANCELED');
    assert.equal(handle.children.length, 1);
  });
});
