/**
 * Account-type rules in the risk engine and at the venue: a cash account cannot sell stock short,
 * a margin account can; a duplicate client order id is a typed error that leaves the first order alone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BourseError } from '../../src/core/errors.js';
import { equity } from '../../src/model/instruments.js';
import type { OrderDenied } from '../../src/model/order-events.js';
import { feedBar, makeHarness, makeOrder, submit } from '../support/kernel-harness.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });

describe('short selling by account type', () => {
  test('a cash account denies a sell that would leave a short stock position', () => {
    const h = makeHarness({ instruments: [AAPL], accountType: 'cash', startingCash: 10_000 });
    feedBar(h, AAPL, [100, 101, 99, 100]);
    const order = submit(h, makeOrder(AAPL, 'sell', 5));
    assert.equal(order.status, 'denied');
    const denial = h.events.find((e): e is OrderDenied => e.kind === 'denied');
    assert.equal(denial?.reasonCode, 'SHORT_SELLING_NOT_ALLOWED');
    assert.equal(h.exchange?.saw(order), false);
  });

  test('a cash account may sell what it holds, and no more', () => {
    const h = makeHarness({ instruments: [AAPL], accountType: 'cash', startingCash: 10_000 });
    feedBar(h, AAPL, [100, 101, 99, 100]);
    submit(h, makeOrder(AAPL, 'buy', 10));
    feedBar(h, AAPL, [100, 102, 99, 101]); // the buy fills at this open
    assert.equal(h.kernel.portfolio.netPosition(AAPL.id), 10);
    assert.equal(submit(h, makeOrder(AAPL, 'sell', 11)).status, 'denied');
    assert.equal(submit(h, makeOrder(AAPL, 'sell', 10)).status, 'accepted');
    feedBar(h, AAPL, [103, 104, 102, 103]);
    assert.equal(h.kernel.portfolio.netPosition(AAPL.id), 0);
    assert.equal(h.account.balance, 10_000 - 10 * 100 + 10 * 103);
  });

  test('a margin account may sell stock short, collateralised by cash', () => {
    const h = makeHarness({ instruments: [AAPL], accountType: 'margin', startingCash: 10_000 });
    feedBar(h, AAPL, [100, 101, 99, 100]);
    const order = submit(h, makeOrder(AAPL, 'sell', 5));
    assert.equal(order.status, 'accepted');
    feedBar(h, AAPL, [98, 99, 97, 98]);
    assert.equal(h.kernel.portfolio.netPosition(AAPL.id), -5);
    assert.equal(h.account.balance, 10_000 + 5 * 98);
    assert.equal(h.account.equity, 10_000); // short 5 at 98, marked at 98
  });
});

describe('duplicate client order ids', () => {
  test('are refused with a typed error and the first order is untouched', () => {
    const h = makeHarness({ instruments: [AAPL], accountType: 'cash', startingCash: 10_000 });
    feedBar(h, AAPL, [100, 101, 99, 100]);
    const first = submit(h, makeOrder(AAPL, 'buy', 1, { clientOrderId: 'DUP-1' }));
    assert.equal(first.status, 'accepted');
    assert.throws(
      () => submit(h, makeOrder(AAPL, 'buy', 2, { clientOrderId: 'DUP-1' })),
      (error: unknown) =>
        error instanceof BourseError && error.code === 'DUPLICATE_ORDER_ID' && /DUP-1/.test(error.message),
    );
    assert.equal(h.kernel.cache.order('DUP-1'), first);
    assert.equal(first.status, 'accepted');
  });
});
