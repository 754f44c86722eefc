import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { SimulatedExchange } from '../../src/backtest/exchange.js';
import { TestClock } from '../../src/core/clock.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { applyBrokerItem } from '../../src/live/broker-items.js';
import { internalSnapshot } from '../../src/live/internal-snapshot.js';
import type { JournalEntry } from '../../src/live/journal.js';
import { JournalLink } from '../../src/live/journal-link.js';
import { knownOrders, nextOrderSequence, restoreJournal } from '../../src/live/journal-restore.js';
import { SerialQueue } from '../../src/live/serial-queue.js';
import { storeJournal } from '../../src/live/store-journal.js';
import { Account } from '../../src/model/account.js';
import { USD } from '../../src/model/currency.js';
import { BarType, bar } from '../../src/model/data.js';
import { futureContract } from '../../src/model/instruments.js';
import { Order, type OrderInit } from '../../src/model/order.js';
import type { OrderEvent } from '../../src/model/order-events.js';
import type { Store } from '../../src/store/index.js';
import { testEngines } from '../support/store-engines.js';

const ES = futureContract('ES', 2013, 12);
const BARS = BarType.parse(`${ES.id}-1-MINUTE-LAST`);
const T0 = Date.UTC(2013, 9, 1, 14, 0) * 1000;
const MINUTE = 60_000_000;

/** A kernel whose CME venue is a simulated exchange, its events routed like a broker's. */
function brokerKernel(journalOf: (kernel: Kernel) => { link: JournalLink }) {
  const clock = new TestClock(T0);
  const kernel = new Kernel({ clock });
  const account = new Account('DU1', 'margin', USD, 100_000);
  kernel.addAccount('CME', account);
  kernel.addInstrument(ES);
  const reported: OrderEvent[] = [];
  const exchange = new SimulatedExchange(
    { venue: 'CME', fill: 'next-open', commission: { kind: 'per-unit', amount: 2.15 } },
    clock,
    kernel.cache,
    (event) => reported.push(event),
    () => true,
  );
  const { link } = journalOf(kernel);
  kernel.execution.registerClient(link.client(exchange));
  return { kernel, exchange, link, reported, clock };
}

function orderInit(id: string, quantity = 1): OrderInit {
  return {
    clientOrderId: id,
    strategyId: 'S-001',
    instrumentId: ES.id,
    side: 'buy',
    type: 'market',
    quantity,
    timeInForce: 'GTC',
    tsInit: T0,
  };
}

for (const engine of testEngines('live-parts')) {
  describe(`live node parts (${engine.name})`, { skip: engine.skip }, () => {
    let store: Store | undefined;
    after(async () => {
      await store?.close();
      await engine.cleanup();
    });

    test('broker events are journaled before they apply, and a repeated one changes nothing', async () => {
      store = await engine.open();
      const journal = storeJournal(store, [ES]);
      const { kernel, exchange, link, reported, clock } = brokerKernel((k) => {
        const l = JournalLink.continuing(journal, []);
        l.attach(k);
        return { link: l };
      });
      const o = new Order(orderInit('S-001-000001', 2));
      kernel.cache.addOrder(o);
      kernel.execution.submit(o);
      await link.settle();
      const accepted = reported.find((e) => e.kind === 'accepted')!;
      assert.equal(
        applyBrokerItem(kernel, link, { kind: 'event', accountId: 'DU1', event: accepted }),
        'applied',
      );
      assert.equal(o.status, 'submitted', 'not applied before the journal commits');
      await link.settle();
      assert.equal(o.status, 'accepted');
      assert.equal(
        applyBrokerItem(kernel, link, { kind: 'event', accountId: 'DU1', event: accepted }),
        'duplicate',
      );

      clock.setTime(T0 + MINUTE);
      exchange.processBar(bar(BARS, 1700, 1701, 1699, 1700.5, 100, T0 + MINUTE));
      const fill = reported.find((e) => e.kind === 'filled')!;
      assert.ok(fill, 'the exchange filled the market order');
      const item = { kind: 'event' as const, accountId: 'DU1', event: fill };
      assert.equal(applyBrokerItem(kernel, link, item), 'applied');
      await link.settle();
      assert.equal(applyBrokerItem(kernel, link, item), 'duplicate', 'the same execution again');
      await link.settle();
      assert.equal(kernel.portfolio.netPosition(ES.id), 2);
      const fills = await store.fills.all({ clientOrderId: 'S-001-000001' });
      assert.equal(fills.length, 1, 'booked once in the store');

      // An order placed outside Bourse: adopted once, journaled before its events.
      const init = { ...orderInit('EXT-77'), strategyId: 'EXTERNAL', tags: ['external'] };
      assert.equal(
        applyBrokerItem(kernel, link, { kind: 'adopt', accountId: 'DU1', init, externalId: '77' }),
        'applied',
      );
      assert.equal(
        applyBrokerItem(kernel, link, { kind: 'adopt', accountId: 'DU1', init, externalId: '77' }),
        'duplicate',
      );
      await link.settle();
      const stored = await store.orders.all();
      assert.deepEqual(stored.map((r) => r.init.clientOrderId).sort(), ['EXT-77', 'S-001-000001']);

      // An event for an order nobody knows is refused (logged), nothing stored.
      const stray = { ...accepted, clientOrderId: 'NOPE' };
      assert.equal(
        applyBrokerItem(kernel, link, { kind: 'event', accountId: 'DU1', event: stray }),
        'refused',
      );
    });

    test('a restarted kernel gets its orders, fills and positions back from the journal', async () => {
      store ??= await engine.open();
      const journal = storeJournal(store, [ES]);
      const entries: JournalEntry[] = await journal.read();
      assert.ok(entries.length > 0);
      const { kernel } = brokerKernel((k) => {
        restoreJournal(k, entries);
        const l = JournalLink.continuing(journal, entries);
        l.attach(k);
        return { link: l };
      });
      const restored = kernel.cache.order('S-001-000001')!;
      assert.equal(restored.status, 'filled');
      assert.equal(restored.filledQuantity, 2);
      assert.equal(kernel.portfolio.netPosition(ES.id), 2);
      assert.equal(nextOrderSequence(kernel, 'S-001'), 1);
      assert.equal(nextOrderSequence(kernel, 'S-002'), 0);
      const known = knownOrders(kernel, (id) => (id === 'EXT-77' ? '77' : undefined));
      const mine = known.find((k) => k.clientOrderId === 'S-001-000001')!;
      assert.equal(mine.execIds.length, 1);
      assert.equal(known.find((k) => k.clientOrderId === 'EXT-77')?.externalId, '77');

      const snapshot = internalSnapshot(kernel, { accountId: 'DU1' });
      assert.deepEqual(
        snapshot.positions.map((p) => [p.instrumentId, p.quantity]),
        [[ES.id, 2]],
      );
      assert.equal(snapshot.fills.length, 1);
      // The adopted order is only initialized (no events came): nothing the broker could be asked about.
      assert.deepEqual(
        snapshot.orders.map((o) => o.clientOrderId),
        ['S-001-000001'],
      );
    });
  });
}

describe('SerialQueue', () => {
  test('runs tasks one at a time in order, survives a failing one, and tells when idle', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((e) => errors.push(e));
    const log: string[] = [];
    queue.push(async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.push('a');
    });
    queue.push(() => {
      throw new Error('boom');
    });
    queue.push(() => {
      log.push('c');
    });
    assert.equal(queue.size, 3);
    await queue.idle();
    assert.deepEqual(log, ['a', 'c']);
    assert.equal((errors[0] as Error).message, 'boom');
    assert.equal(queue.size, 0);
    await queue.idle(); // resolves at once when empty
  });
});
