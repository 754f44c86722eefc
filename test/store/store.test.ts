/** The store's schema, migrations and repositories, on PGlite and (when configured) PostgreSQL. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { equity } from '../../src/model/instruments.js';
import {
  MIGRATIONS,
  openStore,
  SCHEMA_VERSION,
  type Store,
  StoreError,
  storeOptionsFromConfig,
  toStoreError,
} from '../../src/store/index.js';
import { testEngines } from '../support/store-engines.js';
import { accepted, filled, limitOrder, nextId, submitted } from './fixtures.js';

async function rejectsWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof StoreError, `expected a StoreError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected ${code}, nothing was thrown`);
}

for (const engine of testEngines('repos')) {
  describe(`store on ${engine.name}`, { skip: engine.skip }, () => {
    let store: Store;
    before(async () => {
      store = await engine.open();
    });
    after(async () => {
      await store?.close();
      await engine.cleanup();
    });

    test('migrations: applied once, recorded in the version table', async () => {
      const applied = await store.migrations();
      assert.deepEqual(
        applied.map((m) => m.name),
        Object.keys(MIGRATIONS).sort(),
      );
      assert.equal(applied.at(-1)?.name, SCHEMA_VERSION);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM kysely_migration`.execute(store.db);
      assert.equal(Number(rows[0].n), Object.keys(MIGRATIONS).length);
    });

    test('orders: record, get, status, all(open), load rebuilds through Order.apply', async () => {
      const init = limitOrder(nextId());
      await store.orders.record(init);
      await rejectsWith(store.orders.record(init), 'STORE_DUPLICATE', /orders/);
      assert.deepEqual((await store.orders.get(init.clientOrderId))?.init, init);
      await store.orderEvents.append([submitted(init, init.tsInit + 1), accepted(init, init.tsInit + 2)]);
      await store.orders.setStatus(init.clientOrderId, 'accepted', init.tsInit + 2);
      const stored = await store.orders.get(init.clientOrderId);
      assert.equal(stored?.status, 'accepted');
      assert.equal(stored?.updatedAt, init.tsInit + 2);
      const open = await store.orders.all({ open: true });
      assert.ok(open.some((o) => o.init.clientOrderId === init.clientOrderId));
      const order = await store.orders.load(init.clientOrderId);
      assert.equal(order?.status, 'accepted');
      assert.equal(order?.venueOrderId, `V-${init.clientOrderId}`);
      assert.equal(await store.orders.load('nope'), undefined);
      await rejectsWith(store.orders.setStatus('nope', 'accepted', 1), 'STORE_NOT_FOUND');
    });

    test('order events: append, all({ afterSeq }), forOrder, fills written with fill events', async () => {
      const init = limitOrder(nextId());
      await store.orders.record(init);
      const before = await store.orderEvents.lastSeq();
      const events = [
        submitted(init, init.tsInit + 1),
        accepted(init, init.tsInit + 2),
        filled(init, init.tsInit + 3, 'T-1', 1),
        filled(init, init.tsInit + 4, 'T-2', 2),
      ];
      const seqs = await store.orderEvents.append(events);
      assert.equal(seqs.length, 4);
      assert.ok(seqs.every((s, i) => i === 0 || s > seqs[i - 1]));
      const after = await store.orderEvents.all({ afterSeq: before });
      assert.deepEqual(
        after.map((e) => e.event),
        events,
      );
      assert.deepEqual(
        (await store.orderEvents.forOrder(init.clientOrderId)).map((e) => e.seq),
        seqs,
      );
      const fills = await store.fills.all({ clientOrderId: init.clientOrderId });
      assert.deepEqual(
        fills.map((f) => [f.tradeId, f.quantity, f.price, f.commission, f.side, f.liquidity]),
        [
          ['T-1', 1, 5000.25, 2.1, 'buy', 'maker'],
          ['T-2', 2, 5000.25, 2.1, 'buy', 'maker'],
        ],
      );
      const order = await store.orders.load(init.clientOrderId);
      assert.equal(order?.status, 'filled');
      assert.equal(order?.filledQuantity, 3);
    });

    test('append-only log: UPDATE, DELETE and TRUNCATE of order_events are refused', async () => {
      const init = limitOrder(nextId());
      await store.orderEvents.append([submitted(init, 10)]);
      const count = await store.orderEvents.count();
      for (const statement of [
        sql`UPDATE order_events SET kind = 'canceled'`,
        sql`DELETE FROM order_events`,
        sql`TRUNCATE order_events`,
      ]) {
        try {
          await statement.execute(store.db);
          assert.fail('the statement should have been refused');
        } catch (error) {
          const mapped = toStoreError(error, 'test');
          assert.equal(mapped.code, 'STORE_APPEND_ONLY', mapped.message);
          assert.match(mapped.message, /order_events is append-only/);
        }
      }
      assert.equal(await store.orderEvents.count(), count);
    });

    test('fills: a duplicated fill is refused and nothing of its batch is written', async () => {
      const init = limitOrder(nextId());
      await store.fills.append([filled(init, 1, 'T-A')]);
      const before = await store.fills.all({ clientOrderId: init.clientOrderId });
      const error = await rejectsWith(
        store.fills.append([filled(init, 2, 'T-B'), filled(init, 3, 'T-A')]),
        'STORE_DUPLICATE',
        /fills/,
      );
      assert.equal(error.table, 'fills');
      assert.deepEqual(await store.fills.all({ clientOrderId: init.clientOrderId }), before);
      // Through the event log: the whole append is refused, events included.
      const count = await store.orderEvents.count();
      await rejectsWith(
        store.orderEvents.append([submitted(init, 4), filled(init, 5, 'T-A')]),
        'STORE_DUPLICATE',
      );
      assert.equal(await store.orderEvents.count(), count);
    });

    test('bad input: StoreError naming table and field', async () => {
      const init = limitOrder(nextId());
      await rejectsWith(
        store.orders.record({ ...init, clientOrderId: '' }),
        'STORE_INVALID',
        /orders\.client_order_id/,
      );
      await rejectsWith(
        store.orderEvents.append([submitted(init, 1.5)]),
        'STORE_INVALID',
        /order_events\.ts_event/,
      );
      await rejectsWith(
        store.orderEvents.append([{ ...submitted(init, 1), clientOrderId: 'a\u0000b' }]),
        'STORE_INVALID',
        /NUL/,
      );
      await rejectsWith(
        store.positions.upsert([
          {
            accountId: 'A',
            strategyId: 'S',
            instrumentId: 'X.Y',
            quantity: Number.NaN,
            averagePrice: 1,
            realizedPnl: 0,
            commissions: 0,
            currency: 'USD',
            updatedAt: 1,
          },
        ]),
        'STORE_INVALID',
        /positions\.quantity/,
      );
      await rejectsWith(
        store.users.add({ username: 'x', passwordHash: 'h', role: 'root' as 'admin' }),
        'STORE_INVALID',
        /users\.role/,
      );
    });

    test('instruments: save (upsert) and read back', async () => {
      const aapl = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
      await store.instruments.save([aapl]);
      await store.instruments.save([aapl]);
      assert.deepEqual(await store.instruments.get(aapl.id), JSON.parse(JSON.stringify(aapl)));
      assert.ok((await store.instruments.all()).some((i) => i.id === aapl.id));
    });

    test('positions: upsert replaces by (account, strategy, instrument)', async () => {
      const base = {
        accountId: 'ACC-1',
        strategyId: 'SMA-1',
        instrumentId: 'ESZ5.CME',
        quantity: 2,
        averagePrice: 5000.25,
        realizedPnl: 0,
        commissions: 4.2,
        currency: 'USD',
        updatedAt: 100,
      };
      await store.positions.upsert([base, { ...base, instrumentId: 'NQZ5.CME', quantity: -1 }]);
      await store.positions.upsert([{ ...base, quantity: 0, realizedPnl: 125.5, updatedAt: 200 }]);
      const all = await store.positions.all({ accountId: 'ACC-1' });
      assert.deepEqual(all, [
        { ...base, quantity: 0, realizedPnl: 125.5, updatedAt: 200 },
        { ...base, instrumentId: 'NQZ5.CME', quantity: -1 },
      ]);
    });

    test('accounts: snapshot, latest, history', async () => {
      const snap = {
        accountId: 'ACC-S',
        ts: 1000,
        balance: 100_000,
        equity: 100_050.5,
        margin: 0,
        currency: 'USD',
      };
      await store.accounts.snapshot(snap);
      await store.accounts.snapshot([
        { ...snap, ts: 2000, balance: 99_990.1 },
        { ...snap, ts: 1500, equity: 1 },
      ]);
      assert.deepEqual(await store.accounts.latest('ACC-S'), { ...snap, ts: 2000, balance: 99_990.1 });
      assert.deepEqual(
        (await store.accounts.history('ACC-S')).map((s) => s.ts),
        [1000, 1500, 2000],
      );
      assert.deepEqual(
        (await store.accounts.history('ACC-S', 1500)).map((s) => s.ts),
        [1500, 2000],
      );
      assert.equal(await store.accounts.latest('none'), undefined);
    });

    test('strategy state: save, replace, load', async () => {
      assert.equal(await store.strategies.loadState('S-none'), undefined);
      await store.strategies.saveState('S-1', { fast: [1, 2.5], armed: true, note: 'é' }, 10);
      await store.strategies.saveState('S-1', { fast: [3], armed: false, note: null }, 20);
      assert.deepEqual(await store.strategies.loadState('S-1'), {
        state: { fast: [3], armed: false, note: null },
        updatedAt: 20,
      });
    });

    test('backtests: create, complete, fail, get, list', async () => {
      const id = await store.backtests.create({ strategy: 'sma', fast: 10 }, 5);
      const running = await store.backtests.get(id);
      assert.equal(running?.status, 'running');
      assert.equal(running?.result, undefined);
      await store.backtests.complete(id, { sharpe: 1.25, trades: 42 }, 9);
      const done = await store.backtests.get(id);
      assert.deepEqual(done, {
        id,
        created: 5,
        params: { strategy: 'sma', fast: 10 },
        status: 'completed',
        finished: 9,
        error: undefined,
        result: { sharpe: 1.25, trades: 42 },
      });
      await rejectsWith(store.backtests.complete(id, {}, 10), 'STORE_DUPLICATE');
      await rejectsWith(store.backtests.complete(999_999, {}, 10), 'STORE_NOT_FOUND');
      const failed = await store.backtests.create({ strategy: 'bad' }, 6);
      await store.backtests.fail(failed, 'no data', 7);
      assert.equal((await store.backtests.get(failed))?.error, 'no data');
      const list = await store.backtests.list();
      assert.deepEqual(
        list.slice(0, 2).map((r) => [r.id, r.status]),
        [
          [failed, 'failed'],
          [id, 'completed'],
        ],
      );
      assert.deepEqual(
        (await store.backtests.list({ status: 'completed' })).map((r) => r.id),
        [id],
      );
    });

    test('users: add, byName, unique username', async () => {
      const id = await store.users.add({
        username: 'alice',
        passwordHash: 'scrypt$abc',
        role: 'trader',
        created: 1,
      });
      assert.deepEqual(await store.users.byName('alice'), {
        id,
        username: 'alice',
        passwordHash: 'scrypt$abc',
        role: 'trader',
        created: 1,
      });
      await rejectsWith(
        store.users.add({ username: 'alice', passwordHash: 'x', role: 'viewer' }),
        'STORE_DUPLICATE',
        /users/,
      );
      assert.equal(await store.users.byName('bob'), undefined);
    });

    test('audit log: record and list (who, what, when, from where)', async () => {
      const first = await store.audit.record({
        ts: 1,
        actor: 'alice',
        action: 'kill',
        source: 'cli',
        origin: 'host-1',
        details: { reason: 'manual' },
      });
      const second = await store.audit.record({ ts: 2, actor: 'system', action: 'start', source: 'system' });
      assert.ok(second > first);
      const list = await store.audit.list({ afterSeq: first - 1 });
      assert.deepEqual(list, [
        {
          seq: first,
          ts: 1,
          actor: 'alice',
          action: 'kill',
          source: 'cli',
          origin: 'host-1',
          details: { reason: 'manual' },
        },
        { seq: second, ts: 2, actor: 'system', action: 'start', source: 'system', details: {} },
      ]);
      assert.deepEqual(
        (await store.audit.list({ actor: 'alice' })).map((e) => e.seq),
        [first],
      );
    });

    test('transaction: repositories in one transaction roll back together', async () => {
      const init = limitOrder(nextId());
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.orders.record(init);
          await tx.strategies.saveState('S-tx', { n: 1 }, 1);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await store.orders.get(init.clientOrderId), undefined);
      assert.equal(await store.strategies.loadState('S-tx'), undefined);
    });

    test('reopen: everything is still there and migrations do not run again', async () => {
      const init = limitOrder(nextId());
      await store.orders.record(init);
      await store.journal.append(submitted(init, init.tsInit + 1), 'submitted');
      const events = await store.orderEvents.all();
      const users = await store.users.list();
      const positions = await store.positions.all();
      await store.close();
      store = await engine.open();
      assert.deepEqual(await store.orderEvents.all(), events);
      assert.deepEqual(await store.users.list(), users);
      assert.deepEqual(await store.positions.all(), positions);
      assert.equal((await store.orders.get(init.clientOrderId))?.status, 'submitted');
      assert.deepEqual(
        (await store.migrations()).map((m) => m.name),
        Object.keys(MIGRATIONS).sort(),
      );
      // The seq continues after the reopened log.
      const [seq] = await store.orderEvents.append([accepted(init, init.tsInit + 2)]);
      assert.ok(seq > events[events.length - 1].seq);
    });
  });
}

test('storeOptionsFromConfig: --db > BOURSE_DATABASE_URL > config', () => {
  const config = { kind: 'pglite' as const, dataDir: '.bourse/db' };
  assert.deepEqual(storeOptionsFromConfig(config, {}), { kind: 'pglite', dataDir: '.bourse/db' });
  assert.deepEqual(storeOptionsFromConfig(config, { BOURSE_DATABASE_URL: 'postgres://u@h/db' }), {
    kind: 'postgres',
    url: 'postgres://u@h/db',
  });
  assert.deepEqual(
    storeOptionsFromConfig(config, { BOURSE_DATABASE_URL: 'postgres://u@h/db' }, 'other-dir'),
    {
      kind: 'pglite',
      dataDir: 'other-dir',
    },
  );
  assert.deepEqual(storeOptionsFromConfig({ kind: 'postgres', url: 'postgresql://x/y', dataDir: 'd' }, {}), {
    kind: 'postgres',
    url: 'postgresql://x/y',
  });
  assert.throws(
    () => storeOptionsFromConfig(config, { BOURSE_DATABASE_URL: 'mysql://x' }),
    /BOURSE_DATABASE_URL/,
  );
});

test('an unreachable PostgreSQL server is STORE_CONNECT, with the password masked', async () => {
  await rejectsWith(
    openStore({ kind: 'postgres', url: 'postgres://bourse:secret@127.0.0.1:1/none' }),
    'STORE_CONNECT',
    /postgres:\/\/bourse:\*\*\*@127\.0\.0\.1:1\/none/,
  );
});
