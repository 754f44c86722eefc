/** The session journal table (migration 0002) on PGlite and (when configured) PostgreSQL. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { StoreError, toStoreError } from '../../src/store/index.js';
import { testEngines, useStore } from '../support/store-engines.js';
import { accepted, filled, limitOrder, nextId, submitted } from './fixtures.js';

async function refused(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(
    promise,
    (e: unknown) => e instanceof StoreError && e.code === code && pattern.test(e.message),
  );
}

for (const engine of testEngines('session-journal')) {
  describe(`session journal on ${engine.name}`, { skip: engine.skip }, () => {
    const store = useStore(engine);

    test('an append writes its rows, orders, events, fills and positions in one transaction', async () => {
      const init = limitOrder(nextId());
      const t = init.tsInit;
      await store().sessionJournal.append(
        {
          rows: [
            { dataIndex: 0, entry: { type: 'order', n: 1 } },
            { dataIndex: 0, entry: { type: 'event', n: 2 } },
            { dataIndex: 3, entry: { type: 'event', n: 3 } },
          ],
          orderLog: [
            { type: 'order', init },
            { type: 'event', event: submitted(init, t + 1), status: 'submitted' },
            { type: 'event', event: accepted(init, t + 2), status: 'accepted' },
            { type: 'event', event: filled(init, t + 3, 'T1', 3), status: 'filled' },
          ],
          positions: [
            {
              accountId: 'CME-001',
              strategyId: init.strategyId,
              instrumentId: init.instrumentId,
              quantity: 3,
              averagePrice: 5000.25,
              realizedPnl: 0,
              commissions: 0,
              currency: 'USD',
              updatedAt: t + 3,
            },
          ],
        },
        1,
      );
      assert.deepEqual(
        (await store().sessionJournal.read()).map((r) => [r.position, r.dataIndex, r.entry]),
        [
          [1, 0, { type: 'order', n: 1 }],
          [2, 0, { type: 'event', n: 2 }],
          [3, 3, { type: 'event', n: 3 }],
        ],
      );
      assert.equal((await store().orders.get(init.clientOrderId))?.status, 'filled');
      assert.equal((await store().fills.all({ clientOrderId: init.clientOrderId })).length, 1);
      assert.equal((await store().positions.all())[0].quantity, 3);
    });

    test('a writer that is not at the end of the journal is refused, and nothing of its append is written', async () => {
      const init = limitOrder(nextId());
      await refused(
        store().sessionJournal.append(
          { rows: [{ dataIndex: 9, entry: { stale: true } }], orderLog: [{ type: 'order', init }] },
          2,
        ),
        'STORE_INVALID',
        /session_journal.position: the journal ends at 3, this writer expected 1/,
      );
      assert.equal((await store().sessionJournal.read()).length, 3);
      assert.equal(await store().orders.get(init.clientOrderId), undefined);
    });

    test('a failing order-log write (a duplicate fill) rolls the journal rows back with it', async () => {
      const [order] = await store().orders.all();
      await refused(
        store().sessionJournal.append(
          {
            rows: [{ dataIndex: 10, entry: { dup: true } }],
            orderLog: [{ type: 'event', event: filled(order.init, order.init.tsInit + 9, 'T1', 1) }],
          },
          4,
        ),
        'STORE_DUPLICATE',
        /fills/,
      );
      assert.equal((await store().sessionJournal.read()).length, 3);
    });

    test('the journal is append-only; bad data indexes are refused', async () => {
      for (const statement of [
        sql`UPDATE session_journal SET data_index = 1`,
        sql`DELETE FROM session_journal`,
        sql`TRUNCATE session_journal`,
      ]) {
        await refused(
          statement.execute(store().db).catch((e: unknown) => {
            throw toStoreError(e, 'test');
          }),
          'STORE_APPEND_ONLY',
          /session_journal is append-only/,
        );
      }
      assert.equal((await store().sessionJournal.read()).length, 3);
      await refused(
        store().sessionJournal.append({ rows: [{ dataIndex: -1, entry: {} }] }, 4),
        'STORE_INVALID',
        /data_index/,
      );
    });
  });
}
