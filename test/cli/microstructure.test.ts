import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { addMicrostructureCommand } from '../../src/cli/microstructure-command.js';
import { microstructureReport } from '../../src/cli/microstructure-report.js';
import { lobsterSeries } from '../../src/cli/microstructure-series.js';
import { microstructureText } from '../../src/cli/microstructure-text.js';
import { BourseError } from '../../src/core/errors.js';
import { bourse, root } from '../support/cli.js';

const GOOG = `${root}test/fixtures/lobster/GOOG_2012-06-21_34200000_57600000_`;

describe('bourse microstructure', () => {
  it('prints the measures of a LOBSTER file as JSON, the same as the library computes', async () => {
    const run = bourse('microstructure', `${GOOG}message_1.csv`, '--interval', '10s', '--json');
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    const series = await lobsterSeries(`${GOOG}message_1.csv`, `${GOOG}orderbook_1.csv`);
    const report = microstructureReport(series, {
      intervalMicros: 10e6,
      horizonMicros: 60e6,
      vpinBuckets: 50,
      vpinWindow: 10,
    });
    assert.equal(json.format, 'lobster');
    assert.deepEqual(
      { ...json, file: undefined, format: undefined },
      { ...report, file: undefined, format: undefined },
    );
    // 179 type-4 + 209 type-5 messages in the file.
    assert.equal(json.trades, 388);
    assert.equal(json.intervalSeconds, 10);
  });

  it('the table has one line per measure', async () => {
    const series = await lobsterSeries(`${GOOG}message_1.csv`, `${GOOG}orderbook_1.csv`);
    const report = microstructureReport(series, {
      intervalMicros: 1e6,
      horizonMicros: 5e6,
      vpinBuckets: 20,
      vpinWindow: 5,
    });
    const text = microstructureText('goog', 'lobster', report);
    for (const label of [
      'order-book imbalance',
      'OFI → Δmid',
      'microprice − mid',
      'quoted spread',
      'effective spread',
      'realised spread (5 s)',
      'price impact (5 s)',
      "Kyle's λ",
      'Amihud illiquidity',
      'Roll spread',
      'VPIN',
    ]) {
      assert.match(text, new RegExp(`^${label.replace(/[()]/g, '\\$&')} .+`, 'm'));
    }
    assert.match(text, /span +429\.2 s, 429 intervals of 1 s/);
  });

  it('rejects a bad interval naming the flag (what the CLI prints before exiting 2)', async () => {
    const program = new Command().exitOverride();
    addMicrostructureCommand(program);
    await assert.rejects(
      program.parseAsync(['node', 'bourse', 'microstructure', `${GOOG}message_1.csv`, '--interval', '10x']),
      (error: unknown) =>
        error instanceof BourseError &&
        /--interval: expected a positive duration like 1s, 10s or 1m, got '10x'/.test(error.message),
    );
  });
});
