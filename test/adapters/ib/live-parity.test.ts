/**
 * End to end: the IB Gateway simulator replays real ES minute bars (ESZ3, October 2013); a live node
 * runs sma-cross through the IB adapter and the real @stoqey/ib client, journaled in the store; a
 * backtest runs the same strategy on the same bars with the same fee schedule. Both must trade the
 * same: orders, fills (time, price, quantity, commission) and positions. The parity report names
 * any difference.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startIbNode } from '../../../src/adapters/ib/live/ib-node.js';
import { ibFees } from '../../../src/backtest/fees/index.js';
import { barBacktestEngine, loadFileSeries, strategyFrom } from '../../../src/backtest/run-file.js';
import { bourseConfigSchema } from '../../../src/core/config-schema.js';
import { formatParity, parityReport, tradeRecordOf } from '../../../src/live/parity.js';
import { storeJournal } from '../../../src/live/store-journal.js';
import { testEngines } from '../../support/store-engines.js';
import { startSim } from './helpers.js';

const file = new URL('../../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname;
const { series } = loadFileSeries({ file, series: 'ESZ3' });
/** Most of a trading day of minute bars: enough crosses for a few dozen trades. */
const bars = series.bars.slice(0, 2000);
const strategy = { strategy: 'sma-cross', params: ['fast=10', 'slow=30'] };
const config = bourseConfigSchema.parse({ backtest: { startingCash: 100_000 } });

function backtest() {
  const engine = barBacktestEngine({ ...strategy, config, fees: ibFees() }, series, strategyFrom(strategy));
  engine.addData(bars, 'ESZ3');
  engine.run();
  return tradeRecordOf(engine.kernel);
}

const [engine] = testEngines('ib-parity');

describe('live node through the IB adapter vs backtest (parity)', () => {
  after(() => engine.cleanup());

  test('same orders, fills, commissions and positions as the backtest of the same bars', async () => {
    const expected = backtest();
    assert.ok(expected.fills.length >= 10, `the reference trades (${expected.fills.length} fills)`);
    const sim = await startSim({ bars, startingCash: 100_000, pacing: false });
    const store = await engine.open();
    const choice = strategyFrom(strategy);
    const ib = await startIbNode({
      // Stepping bar by bar takes two round trips a bar: far faster than real time, so IB's
      // 45 messages/s pacing is lifted for the test, and the simulator's enforcement turned off.
      connection: {
        port: sim.port,
        clientId: 7,
        heartbeatIntervalMs: 60_000,
        pacing: { messagesPerSecond: 100_000, burst: 100 },
      },
      instruments: ['ESZ3'],
      bar: '1-MINUTE',
      account: { type: 'margin', balance: 100_000 },
      strategies: (instruments, barTypes) => [
        choice.definition.create({
          id: 'S-001',
          params: choice.params,
          instrument: instruments[0],
          barType: barTypes[0],
        }),
      ],
      journal: (instruments) => storeJournal(store, instruments),
    });
    try {
      assert.equal(ib.contracts[0].instrument.id, series.instrument.id);
      for (let i = 0; i < bars.length; i++) {
        await sim.replay.step();
        await ib.node.sync();
      }
      await ib.node.sync();
      const actual = tradeRecordOf(ib.node.kernel);
      const report = parityReport(expected, actual);
      assert.ok(report.same, formatParity(report));
      assert.equal(report.commission.actual, report.commission.expected);
      assert.deepEqual(ib.node.status.errors, []);
      // Journaled: every fill is in the store, once.
      const stored = await store.fills.all({ strategyId: 'S-001' });
      assert.equal(stored.length, expected.fills.length);
    } finally {
      await ib.stop();
      await store.close();
      await sim.stop();
    }
  });
});
