import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OrderAction, OrderType, SecType } from '@stoqey/ib';
import { type IbAccountSnapshot, IbAccountValues } from '../../../src/adapters/ib/client/account-values.js';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import {
  BARS,
  kindsOf,
  lastClose,
  startHarness,
  stepUntil,
  submittedOrder,
  waitFor,
} from './client-execution-harness.js';
import { connectClient, settle, startSim, until } from './helpers.js';

describe('IbExecution: adoption, broker report, restore, account values', () => {
  let sim: IbGatewaySimulator;

  before(async () => {
    sim = await startSim({ bars: BARS, nextOrderId: 100 });
    await sim.replay.step(5);
  });

  after(async () => {
    await sim.stop();
  });

  it('adopts an order placed by another client (client 0 sees it) as EXT-<permId>, then maps its cancel', async () => {
    const h = await startHarness({ sim, clientId: 0 });
    const other = await connectClient(sim.port, 7);
    try {
      other.ib.placeOrder(
        500,
        { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD', localSymbol: 'ESZ3' },
        {
          action: OrderAction.BUY,
          orderType: OrderType.LMT,
          totalQuantity: 2,
          lmtPrice: lastClose(h) - 25,
          transmit: true,
          tif: 'GTC',
        },
      );
      await waitFor(h, () => h.items.some((i) => i.kind === 'adopt'), 'adoption');
      const adopt = h.items.find((i) => i.kind === 'adopt')!;
      assert.equal(adopt.kind, 'adopt');
      if (adopt.kind !== 'adopt') return;
      const venue = sim.venue.book.get(7, 500)!;
      assert.equal(adopt.init.clientOrderId, `EXT-${venue.permId}`);
      assert.equal(adopt.externalId, String(venue.permId));
      assert.equal(adopt.venueOrderId, '500');
      assert.equal(adopt.init.strategyId, 'EXTERNAL');
      assert.deepEqual(adopt.init.tags, ['external']);
      assert.equal(adopt.init.quantity, 2);
      const id = adopt.init.clientOrderId;
      await waitFor(h, () => kindsOf(h, id).includes('accepted'), 'accepted');
      other.ib.cancelOrder(500);
      await waitFor(h, () => h.orders.get(id)?.status === 'canceled', 'canceled');
      await settle();
      assert.deepEqual(kindsOf(h, id), ['submitted', 'accepted', 'canceled']);
      assert.equal(h.items.filter((i) => i.kind === 'adopt').length, 1);
      assert.deepEqual(h.applyErrors, []);
    } finally {
      other.ib.disconnect();
      await h.close();
    }
  });

  it('brokerReport: open and completed orders, executions with commissions, positions — kernel ids', async () => {
    const h = await startHarness({ sim, clientId: 1 });
    try {
      const since = sim.now();
      const filled = submittedOrder(h, { side: 'buy', type: 'market', quantity: 2 });
      const resting = submittedOrder(h, { side: 'buy', type: 'limit', price: lastClose(h) - 40 });
      h.client.submitOrder(filled);
      h.client.submitOrder(resting);
      await stepUntil(h, () => filled.status === 'filled' && resting.status === 'accepted', 'filled');
      const report = await h.exec.brokerReport(since, 2000);
      const open = report.orders.find((o) => o.clientOrderId === resting.clientOrderId);
      assert.ok(open);
      assert.equal(open.status, 'accepted');
      assert.equal(open.instrumentId, 'ESZ3.CME');
      assert.equal(open.price, resting.price);
      assert.equal(open.venueOrderId, resting.venueOrderId);
      const done = report.orders.find((o) => o.clientOrderId === filled.clientOrderId);
      assert.ok(done, 'the filled order is listed by reqCompletedOrders');
      assert.equal(done.status, 'filled');
      assert.equal(done.filledQuantity, 2);
      const execs = report.executions.filter((e) => e.clientOrderId === filled.clientOrderId);
      assert.equal(
        execs.reduce((s, e) => s + e.quantity, 0),
        2,
      );
      for (const e of execs) {
        assert.equal(e.instrumentId, 'ESZ3.CME');
        assert.ok(h.exec.isBooked(e.execId), 'the live fills were booked with the same exec ids');
        assert.equal(e.commission, 2.15 * e.quantity);
      }
      const position = report.positions.find(
        (p) => p.instrumentId === 'ESZ3.CME' && p.accountId === 'DU1234567',
      );
      assert.ok(position);
      assert.equal(report.executionsSince, since);
      h.client.cancelOrder(resting);
      await waitFor(h, () => resting.status === 'canceled', 'canceled');
    } finally {
      await h.close();
    }
  });

  it('restore(): a restarted client knows its orders and exec ids; re-sent messages emit nothing', async () => {
    const first = await startHarness({ sim, clientId: 2 });
    const resting = submittedOrder(first, { side: 'sell', type: 'limit', price: lastClose(first) + 40 });
    const filled = submittedOrder(first, { side: 'buy', type: 'market' });
    first.client.submitOrder(resting);
    first.client.submitOrder(filled);
    await stepUntil(first, () => filled.status === 'filled' && resting.status === 'accepted', 'filled');
    await first.close();
    const second = await startHarness({ sim, clientId: 2 });
    try {
      second.orders.set(resting.clientOrderId, resting);
      second.exec.restore(
        [resting, filled].map((o) => ({
          clientOrderId: o.clientOrderId,
          strategyId: o.strategyId,
          instrumentId: o.instrumentId,
          side: o.side,
          quantity: o.quantity,
          price: o.price,
          status: o.status,
          venueOrderId: o.venueOrderId,
          execIds: o.events.flatMap((e) => (e.kind === 'filled' ? [e.tradeId] : [])),
        })),
      );
      const api = second.conn.api!;
      api.reqOpenOrders();
      api.reqAutoOpenOrders(true);
      api.reqCompletedOrders(false);
      await settle(200);
      await second.exec.idle();
      assert.deepEqual(second.items, []);
      second.client.cancelOrder(resting);
      await waitFor(second, () => resting.status === 'canceled', 'canceled');
      assert.deepEqual(kindsOf(second, resting.clientOrderId), ['canceled']);
    } finally {
      await second.close();
    }
  });

  it('account values: net liquidation, funds, margins and the portfolio, re-issued after a reconnect', async () => {
    const h = await startHarness({ sim, clientId: 3 });
    const values = new IbAccountValues({ connection: h.conn, contracts: h.contracts, now: () => sim.now() });
    const snapshots: IbAccountSnapshot[] = [];
    values.on((s) => snapshots.push(s));
    try {
      values.start();
      await until(() => snapshots.length > 0, 2000, 'first snapshot');
      const s = values.snapshot();
      assert.equal(s.account, 'DU1234567');
      assert.equal(s.currency, 'USD');
      for (const key of [
        'netLiquidation',
        'buyingPower',
        'availableFunds',
        'initMarginReq',
        'maintMarginReq',
      ] as const)
        assert.equal(typeof s[key], 'number', key);
      assert.ok(
        s.positions.some((p) => p.instrumentId === 'ESZ3.CME'),
        'earlier fills show in the portfolio',
      );
      const count = snapshots.length;
      sim.dropAll('test');
      await until(() => snapshots.length > count && h.conn.sessions >= 2, 3000, 'snapshot after reconnect');
    } finally {
      values.close();
      await h.close();
    }
  });
});
