import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { bourse, REFERENCE_RUN } from '../support/cli.js';

describe('bourse backtest', () => {
  test('--json prints the documented object with the reference result', () => {
    const out = bourse(...REFERENCE_RUN, '--json');
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const json = JSON.parse(lines[0]);
    assert.equal(json.finalValue, 10284.1);
    assert.equal(json.finalCash, 6164.16);
    assert.equal(json.closedTrades, 11);
    assert.equal(json.winningTrades, 5);
    assert.equal(json.fills.length, 23);
    assert.deepEqual(Object.keys(json.fills[0]).sort(), [
      'commission',
      'liquidity',
      'price',
      'quantity',
      'side',
      'time',
    ]);
    // Market orders placed on a bar's close fill at the next open: slippage against that close.
    assert.equal(json.executionQuality.orders, 23);
    assert.equal(json.executionQuality.filledQuantity, 23);
    assert.ok(Number.isFinite(json.executionQuality.slippageBps));
    for (const key of [
      'sqn',
      'sharpe',
      'sortino',
      'maxDrawdownPct',
      'calmar',
      'profitFactor',
      'expectancy',
      'exposure',
    ]) {
      assert.ok(key in json.statistics, `statistics.${key}`);
    }
  });

  test('futures-like flags give 12795.00 / 11795.00 and a tearsheet file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-cli-'));
    const report = join(dir, 'report.html');
    const out = bourse(
      ...REFERENCE_RUN,
      '--commission',
      '2',
      '--multiplier',
      '10',
      '--margin',
      '1000',
      '--json',
      '--report',
      report,
    );
    assert.equal(out.code, 0, out.stderr);
    const json = JSON.parse(out.stdout);
    assert.equal(json.finalValue, 12795);
    assert.equal(json.finalCash, 11795);
    const html = readFileSync(report, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.match(html, /<svg/);
  });

  test('without --json prints a readable summary', () => {
    const out = bourse('backtest', '--data', 'data/2006-day-001.txt', '--strategy', 'sma-cross');
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Final value\s+\d+\.\d{2} USD/);
    assert.match(out.stdout, /SQN/);
  });

  test('bad input exits 2 with a message naming what is wrong', () => {
    const unknown = bourse('backtest', '--data', 'data/2006-day-001.txt', '--strategy', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown strategy 'nope' \(available: .*sma-cross/);

    // backtest --data data/2006-day-001.txt --strategy sma-cross --param slowest=3
    const badParam = bourse(...REFERENCE_RUN.slice(0, 5), '--param', 'slowest=3');
    assert.equal(badParam.code, 2);
    assert.match(badParam.stderr, /slowest/);

    const dir = mkdtempSync(join(tmpdir(), 'bourse-cli-'));
    const broken = join(dir, 'broken.csv');
    writeFileSync(
      broken,
      'Date,Open,High,Low,Close,Volume,OpenInterest\n2006-01-02,1,2,0.5,1.5,0,0\n2006-01-03,1,x,0.5,1.5,0,0\n',
    );
    const bad = bourse('backtest', '--data', broken, '--strategy', 'sma-cross');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /broken\.csv:3/);
    assert.match(bad.stderr, /High/i);
  });
});
