/** TWAP through a real backtest on hand-made one-minute bars (ABC equity, tick 0.01). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { algorithmTopic, type TwapParams, twap } from '../../../src/execution/algorithms/index.js';
import { equity } from '../../../src/model/instruments.js';
import { MICROS_PER_MINUTE } from '../../../src/model/time.js';
import { childFills, minuteBars, runAlgo, T1 } from './harness.js';

const ABC = equity({ symbol: 'ABC', venue: 'SIM' });
const MIN = MICROS_PER_MINUTE;

/** A TWAP buy of `quantity` on ABC in `slices`, one a minute. */
const buyTwap = (quantity: number, slices: number, more: Partial<TwapParams> = {}) =>
  twap({ instrumentId: ABC.id, side: 'buy', quantity, slices, intervalMicros: MIN, ...more });
/** Bar i (1…8) opens at 100 + i and closes at 100 + i + 0.25; the first closes at T1. */
const rising = () =>
  minuteBars(
    ABC,
    [1, 2, 3, 4, 5, 6, 7, 8].map(
      (i) => [100 + i, 100 + i + 0.5, 100 + i - 0.5, 100 + i + 0.25, 1000] as const,
    ),
  );

describe('TWAP', () => {
  test('10 over 5 one-minute slices: five market children of 2, each filled at the next bar open', () => {
    const { handle, result } = runAlgo({
      instrument: ABC,
      data: rising(),
      launch: () => buyTwap(10, 5),
    });
    assert.equal(handle.status, 'completed');
    assert.equal(handle.isDone, true);
    assert.equal(handle.id, 'twap-1');
    // Slice k is sent at T1 + k min and fills on the next bar, at its open, stamped with its open time.
    assert.deepEqual(childFills(handle), [
      { quantity: 2, fills: [[T1, 2, 102]] },
      { quantity: 2, fills: [[T1 + MIN, 2, 103]] },
      { quantity: 2, fills: [[T1 + 2 * MIN, 2, 104]] },
      { quantity: 2, fills: [[T1 + 3 * MIN, 2, 105]] },
      { quantity: 2, fills: [[T1 + 4 * MIN, 2, 106]] },
    ]);
    assert.ok(handle.children.every((c) => c.type === 'market' && c.tags.includes('algo:twap-1')));
    assert.deepEqual(
      handle.children.map((c) => c.tsInit),
      [T1, T1 + MIN, T1 + 2 * MIN, T1 + 3 * MIN, T1 + 4 * MIN],
    );
    assert.equal(result.fills.length, 5);
    assert.equal(handle.filledQuantity, 10);
    assert.equal(handle.averagePrice, 104);
    // Arrival: the close of bar 1 (no quotes), 101.25. Average 104: 2.75 worse, 275 ticks.
    const report = handle.report!;
    assert.equal(report.arrivalPrice, 101.25);
    assert.deepEqual(report.slippage, { price: 2.75, ticks: 275, bps: 271.604938272 });
    assert.deepEqual(report.shortfall, {
      execution: 27.5,
      opportunity: 0,
      fees: 0,
      total: 27.5,
      bps: 271.604938272,
    });
  });

  test('the last slice takes the remainder: 10 over 3 slices is 3, 3, 4', () => {
    const { handle } = runAlgo({
      instrument: ABC,
      data: rising(),
      launch: () =>
        twap({ instrumentId: ABC.id, side: 'buy', quantity: 10, slices: 3, intervalMicros: 2 * MIN }),
    });
    assert.deepEqual(
      childFills(handle).map((c) => c.quantity),
      [3, 3, 4],
    );
    assert.deepEqual(
      handle.children.map((c) => c.tsInit),
      [T1, T1 + 2 * MIN, T1 + 4 * MIN],
    );
    assert.equal(handle.status, 'completed');
  });

  test('a later start waits for it; the completion is published and passed to onDone', () => {
    const seen: string[] = [];
    const { handle } = runAlgo({
      instrument: ABC,
      data: rising(),
      launch: () => buyTwap(4, 2, { startTime: T1 + 2 * MIN }),
      onData: (runner, index) => {
        if (index === 0) {
          runner.handle!.onDone((e) => seen.push(`done ${e.status} ${e.filledQuantity}`));
          runner.bus.subscribe(algorithmTopic('ALGO'), () => seen.push('published'));
        }
      },
    });
    assert.deepEqual(childFills(handle), [
      { quantity: 2, fills: [[T1 + 2 * MIN, 2, 104]] },
      { quantity: 2, fills: [[T1 + 3 * MIN, 2, 105]] },
    ]);
    assert.deepEqual(seen, ['published', 'done completed 4']);
  });

  test('a child denied by risk (max order quantity 1 < slice 2) fails the algorithm; nothing more is sent', () => {
    const { handle, engine, result } = runAlgo({
      instrument: ABC,
      data: rising(),
      risk: { maxOrderQuantity: 1 },
      launch: () => buyTwap(10, 5),
    });
    assert.equal(handle.status, 'failed');
    assert.equal(handle.failure?.code, 'MAX_ORDER_QUANTITY_EXCEEDED');
    assert.equal(handle.failure?.clientOrderId, 'ALGO-000001');
    assert.deepEqual(
      handle.children.map((c) => c.status),
      ['denied'],
    );
    assert.equal(result.fills.length, 0);
    assert.equal(engine.kernel.cache.orders().length, 1);
    assert.deepEqual(engine.clock.timerNames(), [], 'the slice timer is gone');
    assert.equal(handle.report?.unfilledQuantity, 10);
  });

  test('cancel mid-way cancels the working limit children and no more are sent', () => {
    const { handle, engine } = runAlgo({
      instrument: ABC,
      data: rising(),
      // A buy limit far below the market never fills: the children stay working.
      launch: () => buyTwap(10, 5, { limitPrice: 50 }),
      onData: (runner, index) => {
        if (index === 2) runner.handle!.cancel(); // bar 3, after the third slice went out
      },
    });
    assert.equal(handle.status, 'canceled');
    assert.deepEqual(
      handle.children.map((c) => [c.quantity, c.price, c.status]),
      [
        [2, 50, 'canceled'],
        [2, 50, 'canceled'],
        [2, 50, 'canceled'],
      ],
    );
    assert.equal(engine.kernel.cache.orders().length, 3);
    assert.equal(handle.workingQuantity, 0);
    assert.equal(handle.report?.unfilledQuantity, 10);
    assert.equal(handle.report?.endPrice, 103.25, 'the last price when it ended: bar 3 close');
  });

  test('a deadline cancels what is still working: expired', () => {
    const { handle } = runAlgo({
      instrument: ABC,
      data: rising(),
      launch: () => buyTwap(6, 3, { limitPrice: 102, deadline: T1 + 4 * MIN }),
    });
    // Slice 1 (limit 102) fills at bar 2's open 102; the later bars never come down to 102.
    // Slice 2 catches up nothing (filled 2 = target 2 → sends 2); slice 3 sends 2 more.
    assert.equal(handle.status, 'expired');
    assert.deepEqual(
      handle.children.map((c) => [c.quantity, c.status]),
      [
        [2, 'filled'],
        [2, 'canceled'],
        [2, 'canceled'],
      ],
    );
    assert.equal(handle.filledQuantity, 2);
  });

  test('limit children left unfilled are caught up by the next slice, never beyond the parent', () => {
    // Bar 2 trades 101–103 and fills the 102 limit; bar 3 stays above it; bar 4 comes back down.
    const data = minuteBars(ABC, [
      [101, 101.5, 100.5, 101, 1000],
      [102, 103, 101, 102, 1000],
      [104, 105, 103, 104, 1000],
      [103, 103, 101.5, 102, 1000],
      [102, 102, 101, 101.5, 1000],
      [102, 102, 101, 101.5, 1000],
    ]);
    const { handle } = runAlgo({
      instrument: ABC,
      data,
      launch: () => buyTwap(9, 3, { limitPrice: 102 }),
    });
    // T1: 3 sent, filled on bar 2. T1+1: target 6, filled 3 → 3 sent, not filled on bar 3.
    // T1+2: target 9, filled 3, working 3 → 3 more; both fill on bar 4 (open T1+2) at 102.
    const fills = childFills(handle);
    assert.deepEqual(
      fills.map((c) => [c.quantity, c.fills.map(([, q, p]) => [q, p])]),
      [
        [3, [[3, 102]]],
        [3, [[3, 102]]],
        [3, [[3, 102]]],
      ],
    );
    const barOf = (time: number) => Math.floor((time - T1) / MIN) + 2; // bar n opens at T1 + (n − 2) min
    assert.deepEqual(
      fills.map((c) => barOf(c.fills[0][0])),
      [2, 4, 4],
    );
    assert.equal(handle.status, 'completed');
  });
});
