import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OrderFilled } from '../../../src/model/order-events.js';
import {
  type ExecHarness,
  eventsOf,
  kindsOf,
  lastClose,
  startHarness,
  stepUntil,
  submittedOrder,
  waitFor,
} from './client-execution-harness.js';
import { settle } from './helpers.js';

const ES_FEE = 2.15;

describe('IbExecution against ib-gateway-sim (real @stoqey/ib client)', () => {
  let h: ExecHarness;

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    await h.close();
  });

  const fills = (id: string): OrderFilled[] =>
    eventsOf(h, id).filter((e): e is OrderFilled => e.kind === 'filled');

  it('market: accepted once, then one fill with the commissionReport commission', async () => {
    const order = submittedOrder(h, { side: 'buy', type: 'market' });
    h.client.submitOrder(order);
    await waitFor(h, () => kindsOf(h, order.clientOrderId).includes('accepted'), 'accepted');
    await stepUntil(h, () => order.status === 'filled', 'market fill');
    await settle();
    assert.deepEqual(kindsOf(h, order.clientOrderId), ['accepted', 'filled']);
    const [fill] = fills(order.clientOrderId);
    assert.equal(fill.commission, ES_FEE);
    assert.equal(fill.side, 'buy');
    assert.equal(fill.lastQuantity, 1);
    assert.match(fill.tradeId, /^0000e0d5\./);
    assert.equal(fill.venueOrderId, order.venueOrderId);
    assert.ok(h.instrument.priceGrid.contains(fill.lastPrice));
    assert.deepEqual(h.applyErrors, []);
  });

  it('every order carries orderRef = clientOrderId, the account, and an id from nextValidId', async () => {
    const order = submittedOrder(h, { side: 'sell', type: 'limit', price: lastClose(h) + 50 });
    h.client.submitOrder(order);
    await waitFor(h, () => order.status === 'accepted', 'accepted');
    const venue = h.sim.venue.book.all().find((o) => o.orderRef === order.clientOrderId);
    assert.ok(venue);
    assert.equal(venue.account, 'DU1234567');
    assert.equal(String(venue.orderId), order.venueOrderId);
    assert.equal(venue.lmtPrice, order.price);
    h.client.cancelOrder(order);
    await waitFor(h, () => order.status === 'canceled', 'canceled');
    assert.deepEqual(kindsOf(h, order.clientOrderId), ['accepted', 'canceled']);
  });

  it('limit, stop, stop-limit and trailing stop fill once each, commission attached', async () => {
    const close = lastClose(h);
    const orders = [
      submittedOrder(h, { side: 'sell', type: 'limit', price: close + 0.75 }),
      submittedOrder(h, { side: 'buy', type: 'stop-market', triggerPrice: close + 0.5 }),
      submittedOrder(h, { side: 'sell', type: 'stop-limit', triggerPrice: close - 0.5, price: close - 3 }),
      submittedOrder(h, {
        side: 'sell',
        type: 'trailing-stop-market',
        trailingOffset: 1,
        trailingOffsetType: 'price',
      }),
    ];
    for (const o of orders) h.client.submitOrder(o);
    await waitFor(h, () => orders.every((o) => o.status === 'accepted'), 'all accepted');
    await stepUntil(h, () => orders.every((o) => o.status === 'filled'), 'all filled');
    await settle();
    for (const o of orders) {
      assert.deepEqual(kindsOf(h, o.clientOrderId), ['accepted', 'filled'], o.type);
      assert.equal(fills(o.clientOrderId)[0].commission, ES_FEE, o.type);
    }
    assert.deepEqual(h.applyErrors, []);
  });

  it('prices are snapped to the tick grid (no float noise reaches IB)', async () => {
    const order = submittedOrder(h, { side: 'buy', type: 'limit', price: lastClose(h) - 20 + 0.1 + 0.2 });
    h.client.submitOrder(order);
    await waitFor(h, () => order.status === 'accepted', 'accepted');
    const venue = h.sim.venue.book.all().find((o) => o.orderRef === order.clientOrderId)!;
    assert.ok(h.instrument.priceGrid.contains(venue.lmtPrice!));
    h.client.cancelOrder(order);
    await waitFor(h, () => order.status === 'canceled', 'canceled');
  });

  it('modify: updated once with the new values; a refused modify gives modify-rejected', async () => {
    const price = lastClose(h) - 30;
    const order = submittedOrder(h, { side: 'buy', type: 'limit', price, quantity: 2 });
    h.client.submitOrder(order);
    await waitFor(h, () => order.status === 'accepted', 'accepted');
    order.apply({
      kind: 'pending-update',
      clientOrderId: order.clientOrderId,
      strategyId: 'S1',
      instrumentId: order.instrumentId,
      tsEvent: 0,
      tsInit: 0,
    });
    h.client.modifyOrder(order, { quantity: 3, price: price - 1 });
    await waitFor(h, () => order.status === 'accepted', 'updated');
    const updated = eventsOf(h, order.clientOrderId).filter((e) => e.kind === 'updated');
    assert.equal(updated.length, 1);
    assert.equal(order.quantity, 3);
    assert.equal(order.price, price - 1);
    // An off-grid size is refused before it is sent.
    order.apply({
      kind: 'pending-update',
      clientOrderId: order.clientOrderId,
      strategyId: 'S1',
      instrumentId: order.instrumentId,
      tsEvent: 0,
      tsInit: 0,
    });
    h.client.modifyOrder(order, { quantity: 2.5 });
    await waitFor(h, () => order.status === 'accepted', 'modify-rejected');
    assert.equal(kindsOf(h, order.clientOrderId).at(-1), 'modify-rejected');
    h.client.cancelOrder(order);
    await waitFor(h, () => order.status === 'canceled', 'canceled');
    assert.deepEqual(kindsOf(h, order.clientOrderId), ['accepted', 'updated', 'modify-rejected', 'canceled']);
  });

  it('IB refusals: off-tick price is impossible, an unsupported time in force is rejected (201) once', async () => {
    const order = submittedOrder(h, {
      side: 'buy',
      type: 'limit',
      price: lastClose(h) - 10,
      timeInForce: 'IOC',
    });
    h.client.submitOrder(order);
    await waitFor(h, () => order.status === 'rejected', 'rejected');
    await settle();
    const events = eventsOf(h, order.clientOrderId);
    assert.deepEqual(
      events.map((e) => e.kind),
      ['rejected'],
    );
    assert.match(events[0].kind === 'rejected' ? events[0].reason : '', /Time in force/);
  });

  it('a cancel that crossed a fill: IB refuses it (161), cancel-rejected once, after the fill', async () => {
    const order = submittedOrder(h, { side: 'buy', type: 'market' });
    h.client.submitOrder(order);
    await stepUntil(h, () => order.status === 'filled', 'filled');
    h.client.cancelOrder(order);
    await waitFor(h, () => kindsOf(h, order.clientOrderId).includes('cancel-rejected'), 'cancel-rejected');
    await settle();
    assert.deepEqual(kindsOf(h, order.clientOrderId), ['accepted', 'filled', 'cancel-rejected']);
  });

  it('repeated openOrder/orderStatus/execDetails (reqOpenOrders, reqAllOpenOrders, reqExecutions, reconnect) produce nothing', async () => {
    const resting = submittedOrder(h, { side: 'buy', type: 'limit', price: lastClose(h) - 40 });
    h.client.submitOrder(resting);
    await waitFor(h, () => resting.status === 'accepted', 'accepted');
    const count = h.items.length;
    const api = h.conn.api!;
    api.reqOpenOrders();
    api.reqAllOpenOrders();
    api.reqAutoOpenOrders(true);
    api.reqExecutions(7, {});
    api.reqCompletedOrders(false);
    await settle(200);
    await h.exec.idle();
    h.sim.dropAll('test: reconnect');
    await waitFor(h, () => h.conn.sessions >= 2 && h.conn.ready, 'reconnected');
    h.conn.api!.reqOpenOrders();
    await settle(200);
    await h.exec.idle();
    assert.equal(h.items.length, count, JSON.stringify(h.items.slice(count)));
    h.client.cancelOrder(resting);
    await waitFor(h, () => resting.status === 'canceled', 'canceled');
  });
});
