/** Group commit of the order log (OrderJournal), on PGlite and (when configured) PostgreSQL. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { OrderEvent } from '../../src/model/order-events.js';
import { StoreError } from '../../src/store/index.js';
import { testEngines, useStore } from '../support/store-engines.js';
import { accepted, filled, limitOrder, nextId, submitted } from './fixtures.js';

const text = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .filter((s) => !s.includes('\u0000'));
const number = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x));
const stamp = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const base = fc.record({
  clientOrderId: text,
  strategyId: text,
  instrumentId: text,
  tsEvent: stamp,
  tsInit: stamp,
});
/** Any order event (fills carry a unique trade id so the fills table accepts them). */
const eventArb: fc.Arbitrary<OrderEvent> = fc.oneof(
  base.map((b): OrderEvent => ({ kind: 'submitted', ...b })),
  fc.tuple(base, text).map(([b, venueOrderId]): OrderEvent => ({ kind: 'accepted', ...b, venueOrderId })),
  fc
    .tuple(base, text, text)
    .map(([b, reasonCode, reason]): OrderEvent => ({ kind: 'rejected', ...b, reasonCode, reason })),
  fc.tuple(base, text).map(([b, reason]): OrderEvent => ({ kind: 'canceled', ...b, reason })),
  fc
    .tuple(base, fc.double({ min: 1e-6, max: 1e9, noNaN: true }), fc.option(number, { nil: undefined }))
    .map(
      ([b, quantity, price]): OrderEvent =>
        price === undefined
          ? { kind: 'updated', ...b, quantity }
          : { kind: 'updated', ...b, quantity, price },
    ),
  fc.tuple(base, text, fc.double({ min: 1e-9, max: 1e12, noNaN: true }), number, number, fc.boolean()).map(
    ([b, venueOrderId, lastQuantity, lastPrice, commission, maker]): OrderEvent => ({
      kind: 'filled',
      ...b,
      venueOrderId,
      tradeId: nextId('T'),
      side: maker ? 'buy' : 'sell',
      lastQuantity,
      lastPrice,
      commission,
      liquidity: maker ? 'maker' : 'taker',
    }),
  ),
);

for (const engine of testEngines('journal')) {
  describe(`order journal on ${engine.name}`, { skip: engine.skip }, () => {
    const store = useStore(engine);

    test('1,000 concurrent appends all resolve, land in append order, in far fewer transactions', async () => {
      const journal = store().createJournal();
      const init = limitOrder(nextId());
      const before = await store().orderEvents.lastSeq();
      const events: OrderEvent[] = [];
      const appends: Promise<number>[] = [];
      for (let i = 0; i < 1000; i++) {
        const event = i % 2 === 0 ? submitted(init, i) : accepted(init, i);
        events.push(event);
        appends.push(journal.append(event));
        // Spread the calls over several turns of the event loop, so batches form while others commit.
        if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      }
      const seqs = await Promise.all(appends);
      assert.ok(
        seqs.every((s, i) => i === 0 || s > seqs[i - 1]),
        'seqs increase in append order',
      );
      const stored = await store().orderEvents.all({ afterSeq: before });
      assert.deepEqual(
        stored.map((e) => e.event),
        events,
      );
      assert.deepEqual(
        stored.map((e) => e.seq),
        seqs,
      );
      const stats = journal.stats();
      assert.equal(stats.entries, 1000);
      assert.ok(
        stats.transactions >= 2,
        `batches formed while a commit was in flight (${stats.transactions})`,
      );
      assert.ok(stats.transactions <= 100, `1000 appends took ${stats.transactions} transactions`);
    });

    test('appends awaited one by one each take their own transaction (the unbatched path)', async () => {
      const journal = store().createJournal({ maxBatch: 1 });
      const init = limitOrder(nextId());
      const appends = [0, 1, 2, 3, 4].map((i) => journal.append(submitted(init, i)));
      await Promise.all(appends);
      assert.equal(journal.stats().transactions, 5);
    });

    test('a failed batch rejects every waiter and writes nothing of it; later batches go on', async () => {
      const journal = store().createJournal();
      const init = limitOrder(nextId());
      await journal.recordOrder(init);
      await journal.append(filled(init, 1, 'T-dup'), 'partially-filled');
      const count = await store().orderEvents.count();
      const other = limitOrder(nextId());
      // One synchronous burst: one batch; its duplicated fill fails all three.
      const batch = [
        journal.recordOrder(other),
        journal.append(submitted(other, 2), 'submitted'),
        journal.append(filled(init, 3, 'T-dup')),
      ];
      const results = await Promise.allSettled(batch);
      for (const result of results) {
        assert.equal(result.status, 'rejected');
        const reason = (result as PromiseRejectedResult).reason as StoreError;
        assert.ok(reason instanceof StoreError);
        assert.equal(reason.code, 'STORE_DUPLICATE');
        assert.match(reason.message, /batch of 3 entries was not written/);
      }
      assert.equal(await store().orderEvents.count(), count);
      assert.equal(await store().orders.get(other.clientOrderId), undefined);
      assert.equal((await store().orders.get(init.clientOrderId))?.status, 'partially-filled');
      assert.equal((await store().fills.all({ clientOrderId: init.clientOrderId })).length, 1);
      assert.equal(journal.stats().failedTransactions, 1);
      // The journal carries on.
      await journal.recordOrder(other);
      const seq = await journal.append(submitted(other, 4), 'submitted');
      assert.ok(seq > 0);
      assert.equal((await store().orders.get(other.clientOrderId))?.status, 'submitted');
    });

    test('bad input is refused at append, alone; a status move of an unrecorded order fails its batch', async () => {
      const journal = store().createJournal();
      const init = limitOrder(nextId());
      const good = journal.append(submitted(init, 1));
      const bad = journal.append({ ...submitted(init, 2), tsEvent: Number.NaN });
      const unknownStatus = journal.append(accepted(limitOrder(nextId()), 3), 'accepted');
      await assert.rejects(
        bad,
        (e: unknown) => e instanceof StoreError && /order_events\.ts_event/.test(e.message),
      );
      // A status move for an order never recorded fails its batch (good was in the same burst).
      await assert.rejects(
        unknownStatus,
        (e: unknown) => e instanceof StoreError && e.code === 'STORE_NOT_FOUND',
      );
      await assert.rejects(good, (e: unknown) => e instanceof StoreError && e.code === 'STORE_NOT_FOUND');
      assert.ok((await journal.append(submitted(init, 5))) > 0);
    });

    test('close waits for pending appends, then refuses new ones', async () => {
      const journal = store().createJournal();
      const init = limitOrder(nextId());
      const pending = Array.from({ length: 50 }, (_, i) => journal.append(submitted(init, i)));
      await journal.close();
      const seqs = await Promise.all(pending);
      assert.equal(seqs.length, 50);
      await assert.rejects(
        journal.append(submitted(init, 99)),
        (e: unknown) => e instanceof StoreError && e.code === 'STORE_CLOSED',
      );
    });

    test('property: random concurrent appends read back equal and in order', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 40 }), async (events) => {
          const before = await store().orderEvents.lastSeq();
          const seqs = await Promise.all(events.map((event) => store().journal.append(event)));
          const stored = await store().orderEvents.all({ afterSeq: before });
          assert.deepEqual(
            stored.map((e) => e.seq),
            seqs,
          );
          assert.deepEqual(
            stored.map((e) => e.event),
            events,
          );
        }),
        { numRuns: 30 },
      );
    });
  });
}
