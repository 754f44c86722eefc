/**
 * Crash test of persist-before-act: a paper session is killed with SIGKILL at random moments, many
 * times, and started again on the same store until it completes. Then nothing may be lost or
 * duplicated: the journal, the orders, the fills and the positions equal those of a session that
 * was never interrupted, and the positions equal the fills replayed.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { runPaperSession } from '../../src/live/paper-session.js';
import { storeJournal } from '../../src/live/store-journal.js';
import type { Store } from '../../src/store/index.js';
import { paperSessionOptions } from '../support/paper-session-options.js';
import { type TestEngine, testEngines } from '../support/store-engines.js';

const BARS = 8000;
const KILLS = Number(process.env.BOURSE_CRASH_KILLS ?? 12);
const { session, file } = paperSessionOptions();
const series = runFileBacktest({ ...session, file, series: 'ESZ3' }).series;

interface Run {
  readonly done: boolean;
  readonly output: string;
}

/** Starts the child; kills it `killAfterMs` after it is ready (never, when undefined). */
function runChild(engine: TestEngine, killAfterMs: number | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/paper-child.ts', ...engine.location, String(BARS)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let errors = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const before = output;
      output += chunk.toString();
      if (killAfterMs !== undefined && !before.includes('ready') && output.includes('ready'))
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ done: output.includes('done'), output });
      else reject(new Error(`paper child exited with ${code ?? signal}: ${errors}`));
    });
  });
}

/** What the store holds of a session, comparable across stores. */
async function contents(store: Store) {
  const journal = (await store.sessionJournal.read()).map((r) =>
    JSON.stringify([r.position, r.dataIndex, r.entry]),
  );
  const fills = (await store.fills.all()).map((f) => JSON.stringify({ ...f, id: undefined }));
  const orders = (await store.orders.all()).map((o) => JSON.stringify(o));
  const events = (await store.orderEvents.all()).map((e) => JSON.stringify(e.event));
  const positions = await store.positions.all();
  return { journal, fills, orders, events, positions };
}

for (const [engine, reference] of testEngines('crash').map(
  (e, i) => [e, testEngines('crash-ref')[i]] as const,
)) {
  describe(`SIGKILL during a paper session journaled in ${engine.name}`, { skip: engine.skip }, () => {
    after(async () => {
      await engine.cleanup();
      await reference.cleanup();
    });

    test(`${KILLS} kills at random moments lose and duplicate nothing`, { timeout: 900_000 }, async (t) => {
      // The session that never stops.
      const refStore = await reference.open();
      const expected = await (async () => {
        try {
          await runPaperSession({
            ...session,
            journal: storeJournal(refStore, [series.instrument]),
            series,
            bars: series.bars.slice(0, BARS),
          });
          return await contents(refStore);
        } finally {
          await refStore.close();
        }
      })();
      assert.ok(expected.fills.length >= 20, `${expected.fills.length} fills`);

      // Kill times from a seeded generator: the same moments on every run of the test.
      const delays = fc.sample(fc.integer({ min: 0, max: 600 }), { numRuns: KILLS, seed: 42 });
      const journalAtKill: number[] = [];
      let completed = false;
      for (const delay of delays) {
        const run = await runChild(engine, delay);
        const store = await engine.open();
        try {
          journalAtKill.push((await store.sessionJournal.read()).length);
        } finally {
          await store.close();
        }
        if (run.done) {
          completed = true;
          break;
        }
      }
      if (!completed) assert.ok((await runChild(engine, undefined)).done);
      // The kills landed at many different points of the session, most of them mid-way.
      const midway = journalAtKill.filter((n) => n > 0 && n < expected.journal.length);
      t.diagnostic(`journal entries at each kill: ${journalAtKill.join(', ')} of ${expected.journal.length}`);
      assert.ok(new Set(midway).size >= 3, `journal lengths at the kills: ${journalAtKill.join(', ')}`);

      const store = await engine.open();
      try {
        const got = await contents(store);
        assert.equal(got.journal.length, expected.journal.length);
        assert.deepEqual(got.journal, expected.journal);
        assert.deepEqual(got.orders, expected.orders);
        assert.deepEqual(got.events, expected.events);
        assert.deepEqual(got.fills, expected.fills);
        assert.equal(new Set(got.fills).size, got.fills.length, 'no fill twice');
        assert.deepEqual(got.positions, expected.positions);
        // Positions = the fills replayed.
        const fills = await store.fills.all();
        const net = fills.reduce((q, f) => q + (f.side === 'buy' ? f.quantity : -f.quantity), 0);
        assert.equal(got.positions[0].quantity, net);
      } finally {
        await store.close();
      }
    });
  });
}
