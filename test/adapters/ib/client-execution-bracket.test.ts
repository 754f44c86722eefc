import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ExecHarness,
  kindsOf,
  lastClose,
  startHarness,
  stepUntil,
  submittedOrder,
  waitFor,
} from './client-execution-harness.js';
import { settle } from './helpers.js';

describe('IbExecution native bracket against ib-gateway-sim', () => {
  let h: ExecHarness;

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    await h.close();
  });

  it('parent transmit=false, children parentId + one ocaGroup, last child transmits; one fills, the other is cancelled', async () => {
    const close = lastClose(h);
    const entry = submittedOrder(h, { side: 'buy', type: 'market' });
    const takeProfit = submittedOrder(h, { side: 'sell', type: 'limit', price: close + 1.5 });
    const stopLoss = submittedOrder(h, { side: 'sell', type: 'stop-market', triggerPrice: close - 1.5 });
    h.client.submitBracket!(entry, [takeProfit, stopLoss]);
    await waitFor(
      h,
      () => [entry, takeProfit, stopLoss].every((o) => o.status === 'accepted' || o.isTerminal),
      'all accepted',
    );
    const venue = (id: string) => h.sim.venue.book.all().find((o) => o.orderRef === id)!;
    const [p, tp, sl] = [
      venue(entry.clientOrderId),
      venue(takeProfit.clientOrderId),
      venue(stopLoss.clientOrderId),
    ];
    assert.equal(tp.parentId, p.orderId);
    assert.equal(sl.parentId, p.orderId);
    assert.equal(tp.ocaGroup, sl.ocaGroup);
    assert.notEqual(tp.ocaGroup, '');
    await stepUntil(h, () => entry.status === 'filled', 'entry filled');
    await waitFor(h, () => tp.status === 'Submitted' && sl.status === 'Submitted', 'both children working');
    await stepUntil(
      h,
      () => takeProfit.isTerminal && stopLoss.isTerminal,
      'one exit filled, the other cancelled',
    );
    await settle();
    const outcome = [takeProfit, stopLoss].map((o) => o.status).sort();
    assert.deepEqual(outcome, ['canceled', 'filled']);
    assert.deepEqual(kindsOf(h, entry.clientOrderId), ['accepted', 'filled']);
    const filledExit = takeProfit.status === 'filled' ? takeProfit : stopLoss;
    const canceledExit = filledExit === takeProfit ? stopLoss : takeProfit;
    assert.deepEqual(kindsOf(h, filledExit.clientOrderId), ['accepted', 'filled']);
    assert.deepEqual(kindsOf(h, canceledExit.clientOrderId), ['accepted', 'canceled']);
    assert.deepEqual(h.applyErrors, []);
  });

  it('an invalid leg sends nothing and rejects every leg once', async () => {
    const entry = submittedOrder(h, { side: 'buy', type: 'market' });
    const takeProfit = submittedOrder(h, { side: 'sell', type: 'limit', price: lastClose(h) + 5 });
    const bad = submittedOrder(h, {
      side: 'sell',
      type: 'market-if-touched',
      triggerPrice: lastClose(h) - 5,
    });
    const before = h.sim.venue.book.all().length;
    h.client.submitBracket!(entry, [takeProfit, bad]);
    await waitFor(h, () => [entry, takeProfit, bad].every((o) => o.status === 'rejected'), 'all rejected');
    assert.equal(h.sim.venue.book.all().length, before);
    for (const o of [entry, takeProfit, bad]) assert.deepEqual(kindsOf(h, o.clientOrderId), ['rejected']);
  });
});
