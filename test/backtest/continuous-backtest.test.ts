import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { bourseConfigSchema } from '../../src/core/config-schema.js';

const file = new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname;
const ROLL_TIME = Date.UTC(2013, 11, 18, 22, 15) * 1000;

function run(adjustment: 'none' | 'additive' | 'ratio', roll: 'volume' | number = 'volume', series?: string) {
  return runFileBacktest({
    series,
    file,
    strategy: 'sma-cross',
    params: ['fast=10', 'slow=30'],
    config: bourseConfigSchema.parse({ backtest: { startingCash: 100_000 } }),
    continuous: { adjustment, roll },
  });
}

describe('futures backtest on a continuous ES contract across the December 2013 roll', () => {
  test('the back-adjusted run trades through the roll and reports it', () => {
    const { result, series, rolls } = run('additive');
    assert.equal(series.instrument.id, 'ES-CONT.CME');
    assert.equal(series.instrument.multiplier, 50);
    assert.deepEqual(
      rolls.map((r) => [r.time, r.from, r.to, r.gap, r.reason]),
      [[ROLL_TIME, 'ESZ3.CME', 'ESH4.CME', -6.25, 'volume']],
    );
    const before = result.fills.filter((f) => f.time <= ROLL_TIME).length;
    const after = result.fills.filter((f) => f.time > ROLL_TIME).length;
    assert.ok(before > 0 && after > 0, `fills before (${before}) and after (${after}) the roll`);
    // Back-adjusted: the latest segment is ESH4's own prices, earlier ones shifted by the gap.
    const lastBar = series.bars[series.bars.length - 1];
    assert.ok(series.instrument.priceGrid.contains(lastBar.close));
    for (const fill of result.fills)
      assert.ok(series.instrument.priceGrid.contains(fill.price), `${fill.price} on grid`);
  });

  test('unadjusted and back-adjusted series differ by exactly the gap before the roll, not after', () => {
    const raw = run('none').series.bars;
    const adjusted = run('additive').series.bars;
    assert.equal(raw.length, adjusted.length);
    for (let i = 0; i < raw.length; i += 97) {
      const expected = raw[i].tsEvent <= ROLL_TIME ? -6.25 : 0;
      assert.ok(Math.abs(adjusted[i].close - raw[i].close - expected) < 1e-9, `bar ${i}`);
    }
  });

  test('a calendar roll (8 business days before expiry) rolls earlier than the volume crossover', () => {
    // The file's later 2014 contracts have too few bars to price a calendar roll: join the two.
    const { rolls } = run('additive', 8, 'ESZ3,ESH4');
    assert.equal(rolls.length, 1);
    assert.ok(rolls[0].time < ROLL_TIME);
    assert.equal(rolls[0].reason, 'calendar');
  });

  test('the CLI prints the rolls in --json', () => {
    const out = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'backtest',
        '--data',
        'data/es-minute-trade-bars-2013-2020.csv',
        '--continuous',
        'additive',
        '--strategy',
        'sma-cross',
        '--json',
      ],
      { cwd: new URL('../../', import.meta.url).pathname, encoding: 'utf8' },
    );
    assert.equal(out.status, 0, out.stderr);
    const json = JSON.parse(out.stdout);
    assert.equal(json.instrument, 'ES-CONT.CME');
    assert.deepEqual(json.rolls, [
      {
        time: '2013-12-18T22:15:00.000Z',
        from: 'ESZ3.CME',
        to: 'ESH4.CME',
        fromPrice: 1810.25,
        toPrice: 1804,
        gap: -6.25,
        reason: 'volume',
      },
    ]);
  });
});
