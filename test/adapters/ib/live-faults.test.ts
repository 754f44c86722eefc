/**
 * Fault tests of the live node on the IB adapter, against the simulator with the real client:
 * the connection drops in the middle of a bracket; a gateway that stops answering; an order placed
 * by hand through a second client; a restart with a working order.
 */
import assert from 'node:assert/strict';
import { after, afterEach, describe, test } from 'node:test';
import { IBApi, type Order as IbOrder } from '@stoqey/ib';
import type { IbGatewaySimulator } from '../../../src/adapters/ib/index.js';
import { type IbNode, startIbNode } from '../../../src/adapters/ib/live/ib-node.js';
import { loadFileSeries } from '../../../src/backtest/run-file.js';
import { storeJournal } from '../../../src/live/store-journal.js';
import type { Bar, BarType } from '../../../src/model/data.js';
import type { InstrumentId } from '../../../src/model/identifiers.js';
import type { Order } from '../../../src/model/order.js';
import type { Store } from '../../../src/store/index.js';
import { Strategy } from '../../../src/strategy/strategy.js';
import { testEngines } from '../../support/store-engines.js';
import { connectClient, startSim, until } from './helpers.js';

const file = new URL('../../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname;
const { series } = loadFileSeries({ file, series: 'ESZ3' });
const bars = series.bars.slice(0, 300);

/** A test strategy acting once, on its `at`-th bar of one instrument. */
abstract class OnBar<P extends { at: number }> extends Strategy<P> {
  private bars = 0;
  constructor(
    params: P,
    protected readonly instrumentId: InstrumentId,
    private readonly barType: BarType,
  ) {
    super('S-001', params);
  }
  protected override onStart(): void {
    this.subscribeBars(this.barType);
  }
  override onBar(bar: Bar): void {
    if (++this.bars === this.params.at) this.act(bar);
  }
  protected abstract act(bar: Bar): void;
}

/** Buys a bracket (entry at market, exits ±`width` points). */
class BracketOnce extends OnBar<{ at: number; width: number }> {
  legs: { entry: Order; takeProfit: Order; stopLoss: Order } | undefined;
  protected act(bar: Bar): void {
    this.legs = this.bracket(this.instrumentId, 'buy', 1, {
      takeProfit: bar.close + this.params.width,
      stopLoss: bar.close - this.params.width,
    });
  }
}

/** Holds a far-away limit order (a working order across a restart). */
class RestingBid extends OnBar<{ at: number }> {
  protected act(bar: Bar): void {
    this.buy(this.instrumentId, 1, { price: bar.close - 50 });
  }
}

interface Harness {
  sim: IbGatewaySimulator;
  ib: IbNode;
  store: Store;
  strategy: Strategy<object>;
}

const open: Harness[] = [];
const engines: ReturnType<typeof testEngines>[number][] = [];

/** A store of its own for each test (a journal restored by one test must not leak into another). */
function freshStore(): Promise<Store> {
  const [engine] = testEngines(`ib-live-faults-${engines.length + 1}`);
  engines.push(engine);
  return engine.open();
}

async function start(
  sim: IbGatewaySimulator,
  store: Store,
  make: (instrument: InstrumentId, barType: BarType) => Strategy<object>,
  extra: { createApi?: (o: { host?: string; port?: number }) => IBApi; heartbeat?: number } = {},
): Promise<Harness> {
  let strategy: Strategy<object> | undefined;
  const ib = await startIbNode({
    connection: {
      port: sim.port,
      clientId: 7,
      heartbeatIntervalMs: extra.heartbeat ?? 60_000,
      heartbeatTimeoutMs: extra.heartbeat ?? 5_000,
      // A stalled gateway swallows the handshake too: give up on such an attempt quickly.
      connectTimeoutMs: 500,
      backoff: { baseMs: 20, maxMs: 100 },
      pacing: { messagesPerSecond: 100_000, burst: 100 },
      ...(extra.createApi ? { createApi: extra.createApi } : {}),
    },
    instruments: ['ESZ3'],
    bar: '1-MINUTE',
    account: { type: 'margin', balance: 1_000_000 },
    strategies: (instruments, barTypes) => {
      strategy = make(instruments[0].id, barTypes[0]);
      return [strategy];
    },
    journal: (instruments) => storeJournal(store, instruments),
  });
  const h = { sim, ib, store, strategy: strategy! };
  open.push(h);
  return h;
}

async function steps(h: Harness, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await h.sim.replay.step();
    await h.ib.node.sync();
  }
}

describe('live node faults on the IB adapter', () => {
  afterEach(async () => {
    for (const h of open.splice(0)) {
      await h.ib.stop().catch(() => undefined);
      await h.sim.stop();
    }
  });
  after(async () => {
    for (const engine of engines) await engine.cleanup();
  });

  test('the connection drops in the middle of a bracket: reconnect, reconcile, no duplicate, flat', async () => {
    const sim = await startSim({ bars, startingCash: 1_000_000 });
    const store = await freshStore();
    try {
      // The wire dies after the bracket's entry (transmit=false) reached the gateway, before its exits.
      let dropped = false;
      const lost: number[] = [];
      const createApi = (o: { host?: string; port?: number }) => {
        const api = new IBApi(o);
        const place = api.placeOrder.bind(api);
        api.placeOrder = (id: number, contract, order: IbOrder) => {
          if (order.parentId && !dropped) {
            lost.push(id);
            if (lost.length === 1)
              void until(() => sim.venue.book.all().length === 1, 2000, 'the entry at the gateway').then(
                () => {
                  dropped = true;
                  sim.dropAll('test: connection lost mid-bracket');
                },
              );
            return api;
          }
          return place(id, contract, order);
        };
        return api;
      };
      const h = await start(sim, store, (i, b) => new BracketOnce({ at: 3, width: 2 }, i, b), { createApi });
      await steps(h, 2);
      await h.sim.replay.step(); // the bracket goes out on this bar
      await until(
        () => h.ib.node.status.reconciliations.length >= 2,
        5000,
        'a reconciliation after the reconnect',
      );
      await h.ib.node.sync();
      await steps(h, 5);

      const legs = (h.strategy as BracketOnce).legs!;
      assert.deepEqual(lost.length, 2, 'both exits were lost with the connection');
      // At the gateway: the entry only, once (nothing placed twice), and cancelled by the node.
      const atGateway = sim.venue.book.all();
      assert.equal(atGateway.length, 1, atGateway.map((o) => `${o.orderId} ${o.status}`).join(', '));
      assert.equal(atGateway[0].orderRef, legs.entry.clientOrderId);
      await until(() => atGateway[0].status === 'Cancelled', 2000, 'the entry cancelled at the gateway');
      // In the kernel: the exits found missing, the entry cancelled, nothing bought.
      assert.equal(legs.takeProfit.status, 'canceled');
      assert.equal(legs.stopLoss.status, 'canceled');
      await until(() => legs.entry.status === 'canceled', 2000, 'the entry cancelled in the kernel');
      assert.equal(h.ib.node.kernel.portfolio.netPosition(series.instrument.id), 0);
      assert.equal(
        sim.venue
          .account(sim.accounts[0])
          .positions()
          .filter((p) => p.quantity !== 0).length,
        0,
      );
      assert.deepEqual(h.ib.node.status.errors, []);
    } finally {
      await store.close();
    }
  });

  test('a bracket that went out whole survives a drop: the exits fill at the gateway, the node books them on reconnect', async () => {
    const sim = await startSim({ bars, startingCash: 1_000_000 });
    const store = await freshStore();
    try {
      const h = await start(sim, store, (i, b) => new BracketOnce({ at: 3, width: 1 }, i, b));
      await steps(h, 4); // bracket sent on bar 3, entry filled on bar 4
      const legs = (h.strategy as BracketOnce).legs!;
      assert.equal(legs.entry.status, 'filled');
      sim.dropAll('test: connection lost with exits working');
      // While the node is away, the market moves through one exit.
      await sim.replay.step(60);
      await until(
        () => h.ib.node.status.reconciliations.length >= 2,
        5000,
        'a reconciliation after the reconnect',
      );
      await h.ib.node.sync();
      const exits = [legs.takeProfit, legs.stopLoss];
      const filled = exits.filter((o) => o.status === 'filled');
      assert.equal(filled.length, 1, exits.map((o) => `${o.clientOrderId} ${o.status}`).join(', '));
      assert.equal(exits.filter((o) => o.status === 'canceled').length, 1);
      assert.equal(h.ib.node.kernel.portfolio.netPosition(series.instrument.id), 0);
      // Each execution booked once, in the kernel and in the store.
      const fills = await store.fills.all({ strategyId: 'S-001' });
      assert.equal(fills.length, 2);
      assert.equal(sim.venue.book.all().length, 3, 'no order placed twice');
    } finally {
      await store.close();
    }
  });

  test('a gateway that stops answering is detected within the configured time, and the node carries on after', async () => {
    const sim = await startSim({ bars, startingCash: 1_000_000 });
    const store = await freshStore();
    try {
      const h = await start(sim, store, (i, b) => new RestingBid({ at: 1000 }, i, b), { heartbeat: 100 });
      await steps(h, 2);
      const states: string[] = [];
      h.ib.connection.on((e) => states.push(e.type));
      const stalledAt = Date.now();
      sim.stall();
      await until(() => states.includes('disconnected'), 2000, 'the zombie socket detected');
      const detectedMs = Date.now() - stalledAt;
      // Due at interval + timeout (200 ms); the bound leaves room for a loaded machine.
      assert.ok(detectedMs < 1500, `detected after ${detectedMs} ms (interval + timeout = 200 ms)`);
      sim.resume();
      await until(() => h.ib.node.status.reconciliations.length >= 2, 5000, 'reconnected and reconciled');
      await steps(h, 2);
      assert.equal(h.ib.node.status.dataPoints, 4);
    } finally {
      await store.close();
    }
  });

  test('an order placed by hand through a second client is adopted; a restart keeps the working order', async () => {
    const sim = await startSim({ bars, startingCash: 1_000_000 });
    const store = await freshStore();
    try {
      const h = await start(sim, store, (i, b) => new RestingBid({ at: 2 }, i, b));
      await steps(h, 3);
      const mine = h.ib.node.kernel.cache.orders().filter((o) => o.strategyId === 'S-001');
      assert.equal(mine.length, 1);
      assert.equal(mine[0].status, 'accepted');

      // By hand, through another client (as TWS would): a sell limit far above the market.
      const hand = await connectClient(sim.port, 9);
      const contract = h.ib.contracts[0].contract;
      hand.ib.placeOrder(hand.nextValidId, contract, {
        action: 'SELL' as never,
        orderType: 'LMT' as never,
        totalQuantity: 2,
        lmtPrice: bars[0].close + 100,
        tif: 'GTC' as never,
        transmit: true,
      });
      await until(() => sim.venue.book.all().length === 2, 2000, 'the hand order at the gateway');
      hand.ib.disconnect();
      // The node learns of it at its next reconciliation (here: an operator's request).
      h.ib.node.reconcile('operator');
      await until(() => h.ib.node.status.reconciliations.length >= 2, 5000, 'reconciled');
      await h.ib.node.sync();
      const adopted = h.ib.node.kernel.cache.orders().filter((o) => o.strategyId === 'EXTERNAL');
      assert.equal(adopted.length, 1);
      assert.equal(adopted[0].side, 'sell');
      assert.equal(adopted[0].quantity, 2);
      assert.equal(adopted[0].status, 'accepted');
      assert.ok(adopted[0].tags.includes('external'));

      // Restart: the node comes back on the same journal; the working orders are still known.
      await h.ib.stop();
      open.splice(open.indexOf(h), 1);
      const again = await start(sim, store, (i, b) => new RestingBid({ at: 1000 }, i, b));
      const restored = again.ib.node.kernel.cache.orders();
      assert.deepEqual(restored.map((o) => `${o.strategyId} ${o.status}`).sort(), [
        'EXTERNAL accepted',
        'S-001 accepted',
      ]);
      const report = again.ib.node.status.reconciliations[0];
      assert.equal(report.canTrade, true, report.reasons.join('; '));
      assert.equal(sim.venue.book.all().length, 2, 'nothing placed again');
      // A new order of the strategy does not reuse an id of the first run.
      assert.ok(again.strategy.saveState().orderSequence >= 1);
    } finally {
      await store.close();
    }
  });
});
