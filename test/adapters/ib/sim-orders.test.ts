import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Order as IbOrder, OrderAction, OrderType, SecType } from '@stoqey/ib';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { SimulatedExchange } from '../../../src/backtest/exchange.js';
import { ibFees } from '../../../src/backtest/fees/index.js';
import { Cache } from '../../../src/core/cache.js';
import { TestClock } from '../../../src/core/clock.js';
import { sessionOf } from '../../../src/data/instrument-session.js';
import type { Bar } from '../../../src/model/data.js';
import { Order, type OrderInit } from '../../../src/model/order.js';
import { eventIds, type OrderFilled } from '../../../src/model/order-events.js';
import {
  type ConnectedClient,
  connectClient,
  ESZ3_2013,
  esz3Series,
  type OrderRecorder,
  recordOrders,
  settle,
  startSim,
  until,
} from './helpers.js';

const series = esz3Series();
const BARS: readonly Bar[] = series.bars.slice(0, 3000);
const ESZ3 = ESZ3_2013;
const ES_FEE = 0.85 + 1.28 + 0.02;

/** What a Bourse backtest venue does with the same order on the same bars: its first fill. */
function referenceFill(
  placedAfter: number,
  init: Omit<OrderInit, 'clientOrderId' | 'strategyId' | 'instrumentId' | 'tsInit' | 'timeInForce'>,
): OrderFilled | undefined {
  const clock = new TestClock(0);
  const cache = new Cache();
  cache.addInstrument(series.instrument);
  const session = sessionOf(series.instrument)!;
  let fill: OrderFilled | undefined;
  const exchange = new SimulatedExchange(
    {
      venue: 'CME',
      fill: 'next-open',
      commission: { kind: 'none' },
      fees: ibFees(),
      session,
      tradingDay: (ts) => Date.parse(`${session.sessionDate(ts)}T00:00:00Z`) / 86_400_000,
    },
    clock,
    cache,
    (e) => {
      if (e.kind === 'filled') fill ??= e;
    },
    () => true,
  );
  for (let i = 0; i < BARS.length && fill === undefined; i++) {
    clock.advanceTo(BARS[i].tsEvent);
    cache.addBar(BARS[i]);
    exchange.processBar(BARS[i]);
    if (i === placedAfter - 1) {
      const order = new Order({
        ...init,
        clientOrderId: 'REF-1',
        strategyId: 'REF',
        instrumentId: series.instrument.id,
        timeInForce: 'GTC',
        tsInit: clock.now(),
      });
      order.apply({ kind: 'submitted', ...eventIds(order), tsEvent: clock.now(), tsInit: clock.now() });
      exchange.submitOrder(order);
    }
  }
  return fill;
}

async function stepUntil(sim: IbGatewaySimulator, done: () => boolean, maxBars = 2000): Promise<number> {
  for (let n = 1; n <= maxBars; n++) {
    await sim.replay.step();
    await settle(2);
    if (done()) return n;
  }
  throw new Error(`not done after ${maxBars} bars`);
}

const ordersOf = (rec: OrderRecorder, id: number) => ({
  open: rec.openOrders.filter((o) => o.orderId === id),
  status: rec.statuses.filter((s) => s.orderId === id),
  execs: rec.execs.filter((e) => e.execution.orderId === id),
  errors: rec.errors.filter((e) => e.reqId === id),
});

describe('ib-gateway-sim orders, filled by the SimulatedExchange on replayed ES bars', () => {
  let sim: IbGatewaySimulator;
  let client: ConnectedClient;
  let rec: OrderRecorder;
  let nextId = 100;

  before(async () => {
    sim = await startSim({ bars: BARS, nextOrderId: 100 });
    client = await connectClient(sim.port, 1);
    rec = recordOrders(client.ib);
    await sim.replay.step(5);
  });

  after(async () => {
    client.ib.disconnect();
    await sim.stop();
  });

  /** Places an order after the current bar; returns its id and the index of the bars replayed. */
  function place(order: IbOrder): { id: number; placedAfter: number } {
    const id = nextId++;
    client.ib.placeOrder(id, ESZ3, { transmit: true, tif: 'GTC', ...order });
    return { id, placedAfter: sim.replay.count };
  }

  async function fillOf(order: IbOrder, init: Parameters<typeof referenceFill>[1]) {
    const { id, placedAfter } = place(order);
    await until(() => ordersOf(rec, id).status.length > 0, 2000, `status of ${id}`);
    await stepUntil(sim, () => rec.commissions.length > 0 && ordersOf(rec, id).execs.length > 0);
    await settle();
    const reference = referenceFill(placedAfter, init);
    assert.ok(reference, 'the reference backtest venue fills too');
    return { id, reference, ...ordersOf(rec, id) };
  }

  it('the clock follows data time: currentTime is the replayed bar time', () => {
    assert.equal(sim.now(), BARS[4].tsEvent);
  });

  it('MKT: openOrder/orderStatus Submitted, then execDetails, Filled and commissionReport once each', async () => {
    const r = await fillOf(
      { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1 },
      { side: 'buy', type: 'market', quantity: 1 },
    );
    assert.deepEqual(
      r.open.map((o) => o.state.status),
      ['Submitted', 'Filled'],
    );
    assert.deepEqual(
      r.status.map((s) => [s.status, s.filled, s.remaining]),
      [
        ['Submitted', 0, 1],
        ['Filled', 1, 0],
      ],
    );
    assert.equal(r.execs.length, 1);
    const e = r.execs[0].execution;
    assert.equal(r.execs[0].reqId, -1);
    assert.equal(e.price, r.reference.lastPrice, 'fills where a backtest of the same bars fills');
    assert.equal(e.side, 'BOT');
    assert.equal(e.shares, 1);
    assert.equal(e.cumQty, 1);
    assert.equal(e.avgPrice, r.reference.lastPrice);
    assert.equal(e.acctNumber, 'DU1234567');
    assert.equal(e.exchange, 'CME');
    assert.equal(e.clientId, 1);
    assert.match(e.time ?? '', /^\d{8} \d\d:\d\d:\d\d US\/Central$/);
    const permId = r.status[0].permId;
    assert.ok(permId > 0);
    assert.equal(e.permId, permId);
    assert.equal(r.open[0].order.permId, permId);
    const filled = r.status[1];
    assert.equal(filled.avgFillPrice, r.reference.lastPrice);
    assert.equal(filled.lastFillPrice, r.reference.lastPrice);
    const reports = rec.commissions.filter((c) => c.execId === e.execId);
    assert.equal(reports.length, 1);
    assert.equal(reports[0].commission, ES_FEE);
    assert.equal(reports[0].commission, r.reference.commission);
    assert.equal(reports[0].currency, 'USD');
    assert.deepEqual(r.errors, []);
  });

  it('LMT, STP, STP LMT and TRAIL fill at the prices the backtest venue gives', async () => {
    const last = (): number => BARS[sim.replay.count - 1].close;
    const cases: [IbOrder, Parameters<typeof referenceFill>[1]][] = [];
    let price = last() - 1;
    cases.push([
      { action: OrderAction.SELL, orderType: OrderType.LMT, totalQuantity: 1, lmtPrice: price + 2 },
      { side: 'sell', type: 'limit', quantity: 1, price: price + 2 },
    ]);
    for (const [order, init] of cases) {
      const r = await fillOf(order, init);
      assert.equal(r.execs[0].execution.price, r.reference.lastPrice, `${order.orderType}`);
    }
    price = last();
    const stop = await fillOf(
      { action: OrderAction.BUY, orderType: OrderType.STP, totalQuantity: 1, auxPrice: price + 1 },
      { side: 'buy', type: 'stop-market', quantity: 1, triggerPrice: price + 1 },
    );
    assert.equal(stop.execs[0].execution.price, stop.reference.lastPrice, 'STP');
    price = last();
    const stopLimit = await fillOf(
      {
        action: OrderAction.SELL,
        orderType: OrderType.STP_LMT,
        totalQuantity: 1,
        auxPrice: price - 1,
        lmtPrice: price - 1.5,
      },
      { side: 'sell', type: 'stop-limit', quantity: 1, triggerPrice: price - 1, price: price - 1.5 },
    );
    assert.equal(stopLimit.execs[0].execution.price, stopLimit.reference.lastPrice, 'STP LMT');
    const trail = await fillOf(
      { action: OrderAction.BUY, orderType: OrderType.TRAIL, totalQuantity: 1, auxPrice: 1.5 },
      { side: 'buy', type: 'trailing-stop-market', quantity: 1, trailingOffset: 1.5 },
    );
    assert.equal(trail.execs[0].execution.price, trail.reference.lastPrice, 'TRAIL');
    assert.equal(trail.open[0].order.orderType, 'TRAIL');
    const trailPct = await fillOf(
      { action: OrderAction.SELL, orderType: OrderType.TRAIL, totalQuantity: 1, trailingPercent: 0.1 },
      {
        side: 'sell',
        type: 'trailing-stop-market',
        quantity: 1,
        trailingOffset: 0.1,
        trailingOffsetType: 'percent',
      },
    );
    assert.equal(trailPct.execs[0].execution.price, trailPct.reference.lastPrice, 'TRAIL %');
  });

  it('a bracket: the parent waits for its last transmitted child, children activate on its fill, OCA cancels the other', async () => {
    const close = BARS[sim.replay.count - 1].close;
    const parentId = nextId++;
    const tpId = nextId++;
    const slId = nextId++;
    client.ib.placeOrder(parentId, ESZ3, {
      action: OrderAction.BUY,
      orderType: OrderType.LMT,
      lmtPrice: close,
      totalQuantity: 2,
      transmit: false,
      tif: 'GTC',
    });
    client.ib.placeOrder(tpId, ESZ3, {
      action: OrderAction.SELL,
      orderType: OrderType.LMT,
      lmtPrice: close + 2,
      totalQuantity: 2,
      parentId,
      transmit: false,
      tif: 'GTC',
    });
    await until(() => ordersOf(rec, tpId).status.length === 1, 2000, 'held take-profit');
    assert.deepEqual(
      [...ordersOf(rec, parentId).status, ...ordersOf(rec, tpId).status].map((s) => s.status),
      ['PreSubmitted', 'PreSubmitted'],
      'nothing is transmitted yet',
    );
    client.ib.placeOrder(slId, ESZ3, {
      action: OrderAction.SELL,
      orderType: OrderType.STP,
      auxPrice: close - 2,
      totalQuantity: 2,
      parentId,
      transmit: true,
      tif: 'GTC',
    });
    await until(() => ordersOf(rec, slId).status.length === 1, 2000, 'stop child');
    await settle();
    assert.deepEqual(
      ordersOf(rec, parentId)
        .status.map((s) => s.status)
        .slice(-1),
      ['Submitted'],
    );
    assert.deepEqual(
      ordersOf(rec, slId).status.map((s) => [s.status, s.whyHeld, s.parentId]),
      [['PreSubmitted', 'child', parentId]],
    );
    await stepUntil(sim, () => ordersOf(rec, parentId).execs.length > 0);
    await settle();
    assert.deepEqual(
      ordersOf(rec, tpId)
        .status.map((s) => s.status)
        .slice(-1),
      ['Submitted'],
    );
    assert.deepEqual(
      ordersOf(rec, slId)
        .status.map((s) => s.status)
        .slice(-1),
      ['Submitted'],
    );
    await stepUntil(sim, () => ordersOf(rec, tpId).execs.length > 0 || ordersOf(rec, slId).execs.length > 0);
    await settle();
    const tpFilled = ordersOf(rec, tpId).execs.length > 0;
    const [winner, loser] = tpFilled ? [tpId, slId] : [slId, tpId];
    assert.equal(ordersOf(rec, winner).execs.length, 1);
    assert.equal(ordersOf(rec, winner).status.at(-1)?.status, 'Filled');
    assert.deepEqual(ordersOf(rec, loser).status.at(-1)?.status, 'Cancelled');
    assert.equal(ordersOf(rec, loser).status.filter((s) => s.status === 'Cancelled').length, 1);
    assert.deepEqual(
      ordersOf(rec, loser).errors.map((e) => e.code),
      [202],
    );
    assert.deepEqual(ordersOf(rec, loser).execs, []);
  });

  it('modify (placeOrder with the same id) and cancel', async () => {
    const close = BARS[sim.replay.count - 1].close;
    const { id } = place({
      action: OrderAction.BUY,
      orderType: OrderType.LMT,
      totalQuantity: 1,
      lmtPrice: close - 20,
    });
    await until(() => ordersOf(rec, id).open.length === 1, 2000, 'placed');
    const permId = ordersOf(rec, id).status[0].permId;
    client.ib.placeOrder(id, ESZ3, {
      action: OrderAction.BUY,
      orderType: OrderType.LMT,
      totalQuantity: 3,
      lmtPrice: close - 21,
      transmit: true,
      tif: 'GTC',
    });
    await until(() => ordersOf(rec, id).open.length === 2, 2000, 'modified');
    const modified = ordersOf(rec, id).open[1];
    assert.equal(modified.order.lmtPrice, close - 21);
    assert.equal(modified.order.totalQuantity, 3);
    assert.equal(modified.order.permId, permId, 'a modification keeps the permId');
    client.ib.cancelOrder(id);
    await until(() => ordersOf(rec, id).errors.length === 1, 2000, '202');
    await settle();
    assert.deepEqual(
      ordersOf(rec, id).status.map((s) => s.status),
      ['Submitted', 'Submitted', 'Cancelled'],
    );
    assert.equal(ordersOf(rec, id).errors[0].code, 202);
    assert.equal(ordersOf(rec, id).errors[0].message, 'Order Canceled - reason:');
  });

  it('rejections carry IB error codes: 110, 200, 201, 135, 104, 161', async () => {
    const close = BARS[sim.replay.count - 1].close;
    const offTick = place({
      action: OrderAction.BUY,
      orderType: OrderType.LMT,
      totalQuantity: 1,
      lmtPrice: close - 0.1,
    });
    const unknown = nextId++;
    client.ib.placeOrder(
      unknown,
      { symbol: 'ZZ', secType: SecType.FUT, exchange: 'CME' },
      {
        action: OrderAction.BUY,
        orderType: OrderType.MKT,
        totalQuantity: 1,
        transmit: true,
      },
    );
    const badType = place({
      action: OrderAction.BUY,
      orderType: OrderType.MIT,
      totalQuantity: 1,
      auxPrice: close,
    });
    client.ib.cancelOrder(99_999);
    const mkt = place({ action: OrderAction.SELL, orderType: OrderType.MKT, totalQuantity: 1 });
    await until(() => ordersOf(rec, mkt.id).status.length === 1, 2000, 'mkt placed');
    await stepUntil(sim, () => ordersOf(rec, mkt.id).execs.length === 1);
    client.ib.placeOrder(mkt.id, ESZ3, {
      action: OrderAction.SELL,
      orderType: OrderType.MKT,
      totalQuantity: 2,
      transmit: true,
    });
    client.ib.cancelOrder(mkt.id);
    await until(
      () => rec.errors.filter((e) => e.reqId === mkt.id).length === 2,
      2000,
      'modify/cancel filled',
    );
    await settle();
    const code = (id: number): number[] => rec.errors.filter((e) => e.reqId === id).map((e) => e.code);
    assert.deepEqual(code(offTick.id), [110]);
    assert.deepEqual(code(unknown), [200]);
    assert.deepEqual(code(badType.id), [201]);
    assert.deepEqual(code(99_999), [135]);
    assert.deepEqual(code(mkt.id), [104, 161]);
    assert.deepEqual(ordersOf(rec, offTick.id).status, [], 'a refused order never exists');
  });
});
