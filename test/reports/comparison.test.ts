/** The comparison of several runs: best value per row, the terminal table and the HTML page. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BacktestResult } from '../../src/backtest/result.js';
import type { Statistics } from '../../src/backtest/result-types.js';
import { renderComparison } from '../../src/reports/comparison.js';
import { comparisonRows, comparisonText, type NamedRun } from '../../src/reports/comparison-stats.js';
import { RUN_COLOURS } from '../../src/reports/palette.js';
import { statisticsWith } from '../support/statistics.js';
import { smaRun } from './support.js';

/** A run carrying only statistics (for the table's arithmetic). */
function statsRun(name: string, fields: Partial<Statistics>): NamedRun {
  return { name, result: { statistics: statisticsWith(fields) } as BacktestResult };
}

describe('comparisonRows', () => {
  const runs = [
    statsRun('a', {
      totalReturn: 0.1,
      volatility: 0.2,
      sharpe: 1,
      maxDrawdownPct: 5,
      tradeCount: 3,
      winRate: 0.5,
    }),
    statsRun('b', {
      totalReturn: 0.3,
      volatility: 0.1,
      sharpe: null,
      maxDrawdownPct: 9,
      tradeCount: 9,
      winRate: 0.5,
    }),
    statsRun('c', {
      totalReturn: -0.1,
      volatility: 0.4,
      sharpe: 0.5,
      maxDrawdownPct: 5,
      tradeCount: 1,
      winRate: 0.2,
    }),
  ];
  const rows = new Map(comparisonRows(runs).map((r) => [r.key, r]));

  test('the eleven statistics in order', () => {
    assert.deepEqual(
      [...rows.keys()],
      [
        'totalReturn',
        'annualizedReturn',
        'volatility',
        'sharpe',
        'sortino',
        'calmar',
        'maxDrawdownPct',
        'tradeCount',
        'winRate',
        'profitFactor',
        'exposure',
      ],
    );
  });

  test('highest return, lowest volatility and drawdown; ties all best; null never; counts unranked', () => {
    assert.deepEqual(rows.get('totalReturn')?.best, [1]);
    assert.deepEqual(rows.get('volatility')?.best, [1]);
    assert.deepEqual(rows.get('sharpe')?.best, [0]);
    assert.deepEqual(rows.get('maxDrawdownPct')?.best, [0, 2]);
    assert.deepEqual(rows.get('winRate')?.best, [0, 1]);
    assert.deepEqual(rows.get('tradeCount')?.best, []);
    assert.deepEqual(rows.get('annualizedReturn')?.best, [], 'no values');
    assert.deepEqual(rows.get('sharpe')?.texts, ['1.00', '—', '0.50']);
    assert.deepEqual(rows.get('totalReturn')?.texts, ['10.00%', '30.00%', '-10.00%']);
    assert.deepEqual(rows.get('maxDrawdownPct')?.texts, ['5.00%', '9.00%', '5.00%']);
  });

  test('the terminal table: a column per run, the best starred', () => {
    const lines = comparisonText(runs).split('\n');
    assert.match(lines[0], /^\s+a\s+b\s+c$/);
    assert.match(lines.find((l) => l.startsWith('Total return')) ?? '', /10\.00% {4}30\.00% \*\s+-10\.00%$/);
    assert.equal(lines.at(-1), '* best of the row');
  });
});

describe('comparison page', () => {
  const runs: NamedRun[] = [
    { name: 'sma-cross fast=1 slow=15', result: smaRun().result },
    { name: 'sma-cross fast=5 slow=30 <&>', result: smaRun(['fast=5', 'slow=30'], undefined, 50_000).result },
  ];
  const html = renderComparison(runs, { subtitle: 'data/2006-day-001.txt' });
  const count = (re: RegExp) => (html.match(re) ?? []).length;

  test('both curves on each chart, in the palette, names escaped', () => {
    assert.equal(count(/<svg class="chart"/g), 2);
    assert.equal(count(/class="equity-line"/g), 2);
    assert.equal(count(/class="drawdown-line"/g), 2);
    assert.match(html, new RegExp(`stroke="${RUN_COLOURS[1]}"`));
    assert.match(html, /fast=5 slow=30 &lt;&amp;&gt;/);
    assert.match(html, /start = 100/);
    assert.doesNotMatch(html, /<script/i);
  });

  test('the statistics table: a column per run, the best highlighted', () => {
    assert.equal(count(/<tr data-stat=/g), 11);
    assert.ok(count(/class="num best"/g) >= 9);
  });

  test('runs must be named differently', () => {
    assert.throws(() => renderComparison([runs[0], runs[0]]), /run 'sma-cross fast=1 slow=15' given twice/);
    assert.throws(() => renderComparison([]), /no runs/);
  });
});
