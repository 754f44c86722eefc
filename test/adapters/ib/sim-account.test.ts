import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Contract, EventName, OrderAction, OrderType } from '@stoqey/ib';
import { type IbGatewaySimulator, SimulatorControlApi } from '../../../src/adapters/ib/index.js';
import type { Bar } from '../../../src/model/data.js';
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
const BARS: readonly Bar[] = series.bars.slice(0, 600);
const ESZ3 = ESZ3_2013;
const ES_FEE = 2.15;

/** `yyyyMMdd-HH:mm:ss` (UTC) of an execution filter. */
function filterTime(micros: number): string {
  const iso = new Date(micros / 1000).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19)}`;
}

describe('ib-gateway-sim account, other clients, reconnects', () => {
  let sim: IbGatewaySimulator;
  let strategy: ConnectedClient;
  let rec: OrderRecorder;

  before(async () => {
    sim = await startSim({ bars: BARS, startingCash: 100_000 });
    strategy = await connectClient(sim.port, 1);
    rec = recordOrders(strategy.ib);
    await sim.replay.step(3);
  });

  after(async () => {
    strategy.ib.disconnect();
    await sim.stop();
  });

  it('an order placed "by hand" by a second client is seen by client 0 (live and via reqAllOpenOrders) with its permId', async () => {
    const manual = await connectClient(sim.port, 7);
    const master = await connectClient(sim.port, 0);
    const masterRec = recordOrders(master.ib);
    manual.ib.placeOrder(1, ESZ3, {
      action: OrderAction.BUY,
      orderType: OrderType.LMT,
      lmtPrice: BARS[2].close - 50,
      totalQuantity: 1,
      transmit: true,
      tif: 'GTC',
    });
    await until(() => masterRec.statuses.length === 1, 2000, 'live status at client 0');
    const permId = masterRec.statuses[0].permId;
    assert.equal(masterRec.statuses[0].clientId, 7);
    master.ib.reqAllOpenOrders();
    await until(() => masterRec.openOrderEnds.length === 1, 2000, 'openOrderEnd');
    const listed = masterRec.openOrders.filter((o) => o.order.permId === permId);
    assert.equal(listed.length, 2, 'one live openOrder + one from reqAllOpenOrders');
    assert.equal(listed[1].order.clientId, 7);
    assert.equal(listed[1].contract.localSymbol, 'ESZ3');
    await settle();
    assert.deepEqual(rec.statuses, [], 'client 1 does not see client 7 orders');
    rec.openOrderEnds.length = 0;
    strategy.ib.reqAllOpenOrders();
    await until(() => rec.openOrderEnds.length === 1, 2000, 'openOrderEnd at client 1');
    assert.ok(
      rec.openOrders.some((o) => o.order.permId === permId),
      'reqAllOpenOrders lists every client',
    );
    manual.ib.cancelOrder(1);
    await until(() => masterRec.statuses.at(-1)?.status === 'Cancelled', 2000, 'cancelled');
    manual.ib.disconnect();
    master.ib.disconnect();
    rec.openOrders.length = 0;
  });

  it('positions and account values after fills: equity = cash + variation, margins from the ES spec', async () => {
    const values = new Map<string, string>();
    const portfolio: { position: number; marketPrice: number; avgCost: number; unrealized: number }[] = [];
    strategy.ib.on(EventName.updateAccountValue, (key: string, value: string) => values.set(key, value));
    strategy.ib.on(EventName.updatePortfolio, (_c, position, marketPrice, _mv, avgCost, unrealized) =>
      portfolio.push({
        position: Number(position),
        marketPrice: Number(marketPrice),
        avgCost: Number(avgCost),
        unrealized: Number(unrealized),
      }),
    );
    const downloaded = new Promise<void>((resolve) =>
      strategy.ib.once(EventName.accountDownloadEnd, () => resolve()),
    );
    strategy.ib.reqAccountUpdates(true, 'DU1234567');
    await downloaded;
    assert.equal(values.get('NetLiquidation'), '100000.00');
    assert.equal(values.get('InitMarginReq'), '0.00');
    strategy.ib.placeOrder(10, ESZ3, {
      action: OrderAction.BUY,
      orderType: OrderType.MKT,
      totalQuantity: 2,
      transmit: true,
    });
    await until(() => rec.statuses.some((s) => s.orderId === 10), 2000, 'placed');
    await sim.replay.step();
    await until(() => rec.commissions.length === 1 && portfolio.length === 1, 2000, 'fill and portfolio');
    const fillPrice = rec.execs[0].execution.price ?? 0;
    assert.equal(portfolio[0].position, 2);
    assert.equal(portfolio[0].avgCost, fillPrice * 50);
    assert.equal(values.get('InitMarginReq'), (2 * 24_200).toFixed(2));
    assert.equal(values.get('MaintMarginReq'), (2 * 22_000).toFixed(2));
    const close = BARS[sim.replay.count - 1].close;
    const variation = (close - fillPrice) * 2 * 50;
    const cash = 100_000 - 2 * ES_FEE;
    assert.equal(values.get('TotalCashValue'), cash.toFixed(2));
    assert.equal(values.get('NetLiquidation'), (cash + variation).toFixed(2));
    assert.equal(values.get('AvailableFunds'), (cash + variation - 48_400).toFixed(2));
    assert.equal(values.get('BuyingPower'), ((cash + variation - 48_400) * 4).toFixed(2));
    const positions: { account: string; pos: number; avgCost: number; conId: number }[] = [];
    strategy.ib.on(EventName.position, (account: string, contract: Contract, pos: number, avgCost?: number) =>
      positions.push({ account, pos: Number(pos), avgCost: Number(avgCost), conId: contract.conId ?? 0 }),
    );
    const end = new Promise<void>((resolve) => strategy.ib.once(EventName.positionEnd, () => resolve()));
    strategy.ib.reqPositions();
    await end;
    assert.deepEqual(positions, [
      { account: 'DU1234567', pos: 2, avgCost: fillPrice * 50, conId: 901201312 },
    ]);
    strategy.ib.reqAccountUpdates(false, 'DU1234567');
  });

  it('working orders survive dropAll() and nightlyReset(); reqExecutions after a reconnect returns executions since a time', async () => {
    const close = BARS[sim.replay.count - 1].close;
    strategy.ib.placeOrder(11, ESZ3, {
      action: OrderAction.SELL,
      orderType: OrderType.LMT,
      lmtPrice: close + 0.5,
      totalQuantity: 2,
      transmit: true,
      tif: 'GTC',
    });
    await until(() => rec.statuses.some((s) => s.orderId === 11), 2000, 'placed');
    const permId = rec.statuses.find((s) => s.orderId === 11)!.permId;
    const since = sim.now();
    strategy.ib.disconnect();
    sim.dropAll();
    await sim.nightlyReset(50);
    // The order keeps working while nobody is connected.
    for (let i = 0; i < 500 && sim.venue.book.byPermId(permId)?.status !== 'Filled'; i++)
      await sim.replay.step();
    assert.equal(sim.venue.book.byPermId(permId)?.status, 'Filled');
    strategy = await connectClient(sim.port, 1);
    const again = recordOrders(strategy.ib);
    strategy.ib.reqExecutions(5, { clientId: '1', time: filterTime(since) });
    await until(() => again.execEnds.includes(5), 2000, 'execDetailsEnd');
    await settle();
    assert.deepEqual(
      again.execs.map((e) => [e.reqId, e.execution.orderId, e.execution.permId, e.execution.side]),
      [[5, 11, permId, 'SLD']],
      'only the execution since the time, tagged with the request id',
    );
    assert.equal(again.commissions.length, 1);
    assert.equal(again.commissions[0].execId, again.execs[0].execution.execId);
    assert.equal(
      again.commissions[0].realizedPNL,
      (again.execs[0].execution.price! - (rec.execs[0].execution.price ?? 0)) * 2 * 50 - 2 * ES_FEE,
    );
    strategy.ib.reqExecutions(6, {});
    await until(() => again.execEnds.includes(6), 2000, 'execDetailsEnd 6');
    assert.equal(again.execs.filter((e) => e.reqId === 6).length, 2, 'all executions of the run');
  });

  it('control API: POST /step and /advance replay bars; there is no manual fill route', async () => {
    const api = new SimulatorControlApi(sim);
    const port = await api.start();
    try {
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`http://127.0.0.1:${port}${path}`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const before = sim.replay.count;
      const stepped = await post('/step', { bars: 3 });
      assert.equal(stepped.status, 200);
      assert.equal(stepped.body.stepped, 3);
      assert.equal(sim.replay.count, before + 3);
      assert.equal(stepped.body.time, new Date(BARS[before + 2].tsEvent / 1000).toISOString());
      const target = BARS[before + 10].tsEvent;
      const advanced = await post('/advance', { time: new Date(target / 1000).toISOString() });
      assert.equal(advanced.body.stepped, 8);
      assert.equal(sim.now(), target);
      assert.equal((await post('/fill', {})).status, 404);
      assert.equal((await post('/step', { bars: -1 })).status, 400);
    } finally {
      await api.stop();
    }
  });
});
