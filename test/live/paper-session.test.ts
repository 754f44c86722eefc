import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { BatchSource } from '../../src/backtest/merge.js';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { bourseConfigSchema } from '../../src/core/config-schema.js';
import { JournalDivergence } from '../../src/live/journal-link.js';
import { PaperSession, runPaperSession } from '../../src/live/paper-session.js';
import { storeJournal } from '../../src/live/store-journal.js';
import type { Bar } from '../../src/model/data.js';
import type { KillSwitchSummary } from '../../src/risk/kill-switch.js';
import type { JsonValue } from '../../src/store/index.js';
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
          saveStrategyState: (id, state) => store.strategies.saveState(id, state as unknown as JsonValue),
          saveAccount: (snapshot) => store.accounts.snapshot(snapshot),
        });
        // The account at the end: balance and equity as the result reports them.
        const account = await store.accounts.latest('CME-001');
        assert.equal(account?.equity, first.result.statistics.finalValue);
        assert.equal(account?.currency, 'USD');
        // The strategy's state is saved at the end: its order sequence and indicator window.
        const saved = (await store.strategies.loadState('S-001'))?.state as {
          orderSequence: number;
          custom: { closes: number[] };
        };
        assert.equal(
          saved.orderSequence,
          (await store.orders.all()).filter((o) => o.init.strategyId === 'S-001').length,
        );
        assert.deepEqual(
          saved.custom.closes,
          bars.slice(-30).map((b) => b.close),
        );
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
        // Every command is in the audit log: who (the strategy), what, on which order, from where.
        const audit = await store.audit.list();
        const submits = journal.filter((r) => (r.entry as { type: string }).type === 'submit');
        assert.equal(audit.filter((a) => a.action === 'order.submit').length, submits.length);
        assert.ok(
          audit.every(
            (a) => a.actor === 'S-001' && a.source === 'strategy' && /pid \d+/.test(a.origin ?? ''),
          ),
        );
        assert.deepEqual(audit[0].details, {
          instrumentId: 'ESZ3.CME',
          side: 'buy',
          type: 'market',
          quantity: 1,
        });
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

for (const engine of testEngines('paper-kill')) {
  describe(`kill switch in a paper session journaled in ${engine.name}`, { skip: engine.skip }, () => {
    after(() => engine.cleanup());

    test('pulled mid-session: halted, flat, audited once; a restart replays the pull at the same point', async () => {
      const store = await engine.open();
      try {
        const open = (source: BatchSource, onKill?: (s: KillSwitchSummary, replayed: boolean) => void) =>
          PaperSession.open({
            ...options,
            journal: storeJournal(store, [reference.series.instrument]),
            series: reference.series,
            bars: source,
            onKill,
            audit: (entry) =>
              store.audit
                .record({ ...entry, ts: Date.now() * 1000, details: entry.details as JsonValue })
                .then(() => {}),
          });
        // Pull the kill switch once the first position is open (its fill lands on the bar after T).
        const firstEntry = reference.result.fills[0].time;
        const killAt = bars.findIndex((b) => b.tsEvent > firstEntry) + 1;
        let session: PaperSession | undefined;
        async function* withKill(): BatchSource {
          for (let i = 0; i < bars.length; i++) {
            if (i === killAt) void session?.kill({ actor: 'alice', source: 'cli', reason: 'test' });
            yield [bars[i]];
          }
        }
        session = await open(withKill());
        const run = await session.run();
        assert.equal(run.kills.length, 1);
        const [kill] = run.kills;
        assert.deepEqual(kill.positionsFlattened, [{ instrumentId: 'ESZ3.CME', quantity: 1 }]);
        assert.equal(kill.flattenOrders.length, 1);
        // Flat at the end; every order after the pull was denied (halted).
        assert.equal(run.result.positions?.length ? run.result.positions[0].quantity : 0, 0);
        const [position] = (await store.positions.all()).filter((p) => p.strategyId === 'S-001');
        const [flattener] = (await store.positions.all()).filter((p) => p.strategyId !== 'S-001');
        assert.equal(position.quantity + flattener.quantity, 0);
        const orders = await store.orders.all();
        const afterKill = orders.filter(
          (o) => o.init.tsInit > bars[killAt - 1].tsEvent && o.init.strategyId === 'S-001',
        );
        assert.ok(afterKill.length > 0 && afterKill.every((o) => o.status === 'denied'));
        const audit = () => store.audit.list({ action: 'kill-switch.engage' });
        assert.equal((await audit()).length, 1);
        assert.equal((await audit())[0].actor, 'alice');
        const journal = await store.sessionJournal.read();
        assert.equal(journal.filter((r) => (r.entry as { type: string }).type === 'kill').length, 1);

        // Restart on the same journal (plain bars: the pull comes from the journal now).
        const replays: boolean[] = [];
        const again = await (await open(oneBatchOf(bars), (_s, replayed) => replays.push(replayed))).run();
        assert.deepEqual(replays, [true]);
        assert.deepEqual(again.journal, { replayed: journal.length, appended: 0, commits: 0 });
        assert.deepEqual(again.result.fills, run.result.fills);
        assert.equal((await audit()).length, 1, 'a replayed pull is not audited again');
      } finally {
        await store.close();
      }
    });
  });
}

async function* oneBatchOf(items: readonly Bar[]): BatchSource {
  yield items;
}
