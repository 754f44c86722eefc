import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { bourseConfigSchema } from '../../src/core/config-schema.js';
import { JournalDivergence } from '../../src/live/journal-link.js';
import { runPaperSession } from '../../src/live/paper-session.js';
import { storeJournal } from '../../src/live/store-journal.js';
import { testEngines } from '../support/store-engines.js';

const file = new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname;
const options = {
  strategy: 'sma-cross',
  params: ['fast=10', 'slow=30'],
  config: bourseConfigSchema.parse({ backtest: { startingCash: 100_000 } }),
};
const reference = runFileBacktest({ ...options, file, series: 'ESZ3' });
const bars = reference.series.bars.slice(0, 4000);

/** The fills of a result as the store keeps them. */
const fillKey = (f: { time?: number; tsEvent?: number; side: string; price: number; quantity: number }) =>
  `${f.time ?? f.tsEvent} ${f.side} ${f.quantity}@${f.price}`;

for (const engine of testEngines('paper-session')) {
  describe(`paper session journaled in ${engine.name}`, { skip: engine.skip }, () => {
    after(() => engine.cleanup());

    test('persists before acting and trades exactly as the backtest; a restart replays without writing', async () => {
      const expected = runFileBacktest({ ...options, file, series: 'ESZ3' });
      const store = await engine.open();
      try {
        const first = await runPaperSession({
          ...options,
          journal: storeJournal(store, [reference.series.instrument]),
          series: reference.series,
          bars,
        });
        const inBars = expected.result.fills.filter((f) => f.time <= bars[bars.length - 1].tsEvent);
        assert.ok(first.result.fills.length >= 10, `${first.result.fills.length} fills`);
        assert.deepEqual(
          first.result.fills.map(fillKey),
          inBars.slice(0, first.result.fills.length).map(fillKey),
        );
        // Every order, event and fill is in the store; group commit: far fewer commits than entries.
        const journal = await store.sessionJournal.read();
        assert.equal(journal.length, first.journal.appended);
        assert.ok(first.journal.commits < first.journal.appended, JSON.stringify(first.journal));
        const fills = await store.fills.all();
        assert.deepEqual(
          fills.map((f) =>
            fillKey({ tsEvent: f.tsEvent, side: f.side, price: f.price, quantity: f.quantity }),
          ),
          first.result.fills.map(fillKey),
        );
        // Each order in the store with the status the session's order ended in.
        const orders = await store.orders.all();
        const counts: Record<string, number> = {};
        for (const o of orders) counts[o.status] = (counts[o.status] ?? 0) + 1;
        assert.deepEqual(counts, first.result.orderCounts);
        // Positions in the store = the fills replayed.
        const [position] = await store.positions.all();
        const net = fills.reduce((q, f) => q + (f.side === 'buy' ? f.quantity : -f.quantity), 0);
        assert.equal(position.quantity, net);
        assert.equal(position.accountId, 'CME-001');

        const again = await runPaperSession({
          ...options,
          journal: storeJournal(store, [reference.series.instrument]),
          series: reference.series,
          bars,
        });
        assert.deepEqual(again.journal, { replayed: journal.length, appended: 0, commits: 0 });
        assert.deepEqual(again.result.fills, first.result.fills);
        assert.equal((await store.sessionJournal.read()).length, journal.length);

        // Other parameters cannot run on this journal: the replay names where it diverges.
        await assert.rejects(
          runPaperSession({
            ...options,
            params: ['fast=5', 'slow=30'],
            journal: storeJournal(store, [reference.series.instrument]),
            series: reference.series,
            bars,
          }),
          (e: unknown) =>
            e instanceof JournalDivergence && /replay diverged from the journal at entry \d+/.test(e.message),
        );
      } finally {
        await store.close();
      }
    });
  });
}
