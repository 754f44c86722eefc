import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readPriceSeries } from '../../src/cli/price-series.js';
import { DataError } from '../../src/core/errors.js';
import { bourse } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-risk-'));
const bad = join(dir, 'bad.csv');
const rows = Array.from({ length: 45 }, (_, i) => {
  const day = new Date(Date.UTC(2001, 0, 1 + i)).toISOString().slice(0, 10);
  const price = 100 + i;
  return `${day},${price},${price},${price},${price},${price},1`;
});
rows[9] = '2001-01-10,109,109,109,abc,109,1';
writeFileSync(bad, `date,open,high,low,close,adjclose,volume\n${rows.join('\n')}\n`);

// A DataError (a BourseError) makes the CLI print its message and exit 2 (src/cli/main.ts); checked
// here without a second ~1.5 s spawn.
test('readPriceSeries names file, line and field of a bad price', () => {
  assert.throws(
    () => readPriceSeries(bad, 'close'),
    (error: Error) => {
      assert.ok(error instanceof DataError);
      assert.match(error.message, /bad\.csv:11, field 'close', value 'abc': not a number/);
      return true;
    },
  );
  const sp = readPriceSeries('data/sp500-2000.csv', 'adjclose');
  assert.equal(sp.closes.length, 5105); // 2000-01-03 → 2020-04-17, the last row has no newline
  assert.equal(sp.dates[0], '2000-01-03');
});

test('bourse risk var --json: normal VaR, backtest and stress on the S&P 500 file', () => {
  const run = bourse(
    'risk',
    'var',
    '--data',
    'data/sp500-2000.csv',
    '--method',
    'normal',
    '--backtest',
    '--stress',
    '--json',
  );
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout);
  assert.equal(doc.returns, 5104);
  assert.equal(doc.estimates[0].method, 'normal');
  // Normal 99 % VaR of the whole 2000-2020 sample: sample σ ≈ 1.25 % → VaR ≈ 2.33 × 1.25 % ≈ 2.9 %.
  assert.ok(doc.estimates[0].estimate.valueAtRisk > 0.025 && doc.estimates[0].estimate.valueAtRisk < 0.035);
  assert.equal(doc.backtests[0].result.verdict, 'reject');
  assert.equal(doc.stress.worst.scenario.name, '2007-10-09..2009-03-09 peak to trough');
  const covidDay = doc.stress.results.find((r: { scenario: { name: string } }) =>
    r.scenario.name.startsWith('2020-03-16'),
  );
  assert.equal((covidDay.scenario.spotReturn * 100).toFixed(2), '-11.98');
});
