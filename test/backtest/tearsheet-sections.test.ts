/**
 * The full tearsheet's sections: order, benchmark, drawdown periods, monthly heatmap, rolling risk,
 * trade distribution and exposure, and how each says so when there is nothing to draw.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mulberry32 } from '../../src/analytics/statistics/random.js';
import type { ClosedTrade, EquityCurve, ExposureCurve } from '../../src/backtest/result-types.js';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { computeStatistics, dailyEquity } from '../../src/backtest/statistics.js';
import { histogram, suggestedBins } from '../../src/backtest/tearsheet/analysis/histogram.js';
import { monthlyReturns } from '../../src/backtest/tearsheet/analysis/monthly-returns.js';
import { ROLLING_WINDOW_DAYS } from '../../src/backtest/tearsheet/analysis/rolling.js';
import { formatFractionAsPercent } from '../../src/backtest/tearsheet/format.js';
import {
  renderRunTearsheet,
  renderTearsheet,
  type TearsheetInput,
} from '../../src/backtest/tearsheet/index.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, microsFromDate } from '../../src/model/time.js';

const ORDER = [
  'parameters',
  'equity',
  'benchmark',
  'drawdown',
  'monthly-returns',
  'rolling',
  'exposure',
  'price',
  'trade-distribution',
  'statistics',
  'trades',
];

/** The HTML of `<section data-section="id">` (sections do not nest). */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section data-section="${id}">`);
  assert.ok(start >= 0, `section ${id}`);
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/**
 * `days` weekdays from 2021-03-01 of a price random walk; the account holds `shares` from day 10 on,
 * with a round trip closed every 15 days (so there are winners and losers).
 */
function build(days: number, options: { shares?: number; seed?: number } = {}): TearsheetInput {
  const shares = options.shares ?? 50;
  const next = mulberry32(options.seed ?? 4);
  const time: number[] = [];
  const close: number[] = [];
  let t = microsFromDate('2021-03-01') + 20 * MICROS_PER_HOUR;
  let price = 100;
  while (time.length < days) {
    const weekday = new Date(t / 1000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      price *= 1 + (next() - 0.49) * 0.04;
      time.push(t);
      close.push(price);
    }
    t += MICROS_PER_DAY;
  }
  const capital = 100_000;
  const equity: number[] = [];
  const inMarket: number[] = [];
  const gross: number[] = [];
  const trades: ClosedTrade[] = [];
  let cash = capital;
  let held = 0;
  let entry = 0;
  for (let i = 0; i < days; i++) {
    if (i >= 10 && held === 0) {
      held = shares;
      entry = i;
      cash -= shares * close[i];
    } else if (held > 0 && i - entry === 15) {
      cash += held * close[i];
      const pnl = (close[i] - close[entry]) * held;
      trades.push({
        instrumentId: 'ACME.X',
        direction: 'long',
        quantity: held,
        entryTime: time[entry],
        exitTime: time[i],
        entryPrice: close[entry],
        exitPrice: close[i],
        grossPnl: pnl,
        commissions: 0,
        netPnl: Math.round(pnl * 100) / 100,
        barsHeld: 15,
      });
      held = 0;
    }
    equity.push(cash + held * close[i]);
    inMarket.push(held > 0 ? 1 : 0);
    gross.push(held * close[i]);
  }
  const curve: EquityCurve = { time, equity, inMarket };
  const exposure: ExposureCurve = { gross, net: gross, leverage: gross.map((g, i) => g / equity[i]) };
  return {
    title: 'Test run',
    statistics: computeStatistics({
      equity: curve,
      trades,
      fills: [],
      initialCapital: capital,
      currencyPrecision: 2,
    }),
    equity: curve,
    prices: { instrumentId: 'ACME.X', time, close },
    fills: [],
    trades,
    parameters: { shares },
    currency: 'USD',
    exposure,
  };
}

describe('the full tearsheet', () => {
  const input = build(400);
  const html = renderTearsheet(input);

  test('has every section, in order', () => {
    const ids = [...html.matchAll(/<section data-section="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(ids, ORDER);
  });

  test('equity against buy-and-hold, both named in the legend; the comparison table', () => {
    const equity = sectionOf(html, 'equity');
    assert.equal(count(equity, 'class="equity-line"'), 1);
    assert.equal(count(equity, 'class="benchmark-line"'), 1);
    assert.match(equity, /<div class="legend">.*Strategy.*Benchmark: Buy and hold ACME\.X/);
    const table = sectionOf(html, 'benchmark');
    const close = input.prices.close;
    const benchmarkReturn = formatFractionAsPercent(close[close.length - 1] / close[0] - 1);
    assert.match(
      table,
      new RegExp(`data-compare="totalReturn">.*?${benchmarkReturn.replace('.', '\\.')}</td></tr>`),
    );
    assert.match(
      table,
      new RegExp(`>${formatFractionAsPercent(input.statistics.totalReturn).replace('.', '\\.')}<`),
    );
    for (const key of [
      'annualizedReturn',
      'volatility',
      'sharpe',
      'maxDrawdownPct',
      'beta',
      'alpha',
      'correlation',
    ])
      assert.ok(table.includes(`data-compare="${key}"`), key);
    // Holding 50 shares of the instrument: the strategy moves with it.
    const beta = Number(/data-compare="beta"><td>[^<]*<\/td><td class="num">([^<]+)</.exec(table)?.[1]);
    assert.ok(beta > 0 && beta < 1, `beta ${beta}`);
  });

  test('an input benchmark replaces buy-and-hold; an unusable one is explained', () => {
    const index = {
      name: 'Index <TR>',
      time: input.equity.time,
      value: input.equity.time.map((_, i) => 3000 + i),
    };
    const custom = renderTearsheet({ ...input, benchmark: index });
    assert.ok(custom.includes('Benchmark: Index &lt;TR&gt;'));
    assert.ok(!custom.includes('Buy and hold'));
    const broken = renderTearsheet({ ...input, benchmark: { ...index, value: index.value.map(() => -1) } });
    assert.ok(!broken.includes('class="benchmark-line"'));
    assert.ok(sectionOf(broken, 'benchmark').includes('has no usable values'));
  });

  test('drawdown: the deepest periods shaded and listed', () => {
    const section = sectionOf(html, 'drawdown');
    const rows = count(section, '<tr class="drawdown-period">');
    assert.equal(rows, 5);
    assert.equal(count(section, 'class="drawdown-band"'), rows);
    const first =
      /<tr class="drawdown-period">(?:<td[^>]*>[^<]*<\/td>){4}<td class="num neg">-([\d.]+)%</.exec(section);
    assert.equal(first?.[1], input.statistics.maxDrawdownPct.toFixed(2));
  });

  test('monthly heatmap: 12 cells a year, values from the daily equity, coloured by sign', () => {
    const section = sectionOf(html, 'monthly-returns');
    const years = monthlyReturns(dailyEquity(input.equity, 100_000), 100_000);
    assert.equal(count(section, '<tr data-year='), years.length);
    assert.equal(count(section, 'class="month'), 12 * years.length);
    for (const y of years) {
      y.months.forEach((r, m) => {
        const key = `data-month="${y.year}-${String(m + 1).padStart(2, '0')}"`;
        if (r === null) assert.ok(section.includes(`nodata" ${key}>`), key);
        else assert.ok(section.includes(`${key} data-return="${r}"`), key);
      });
    }
    const pos = /class="month pos"[^>]*style="background:(rgb\([^)]+\))/.exec(section)?.[1];
    const neg = /class="month neg"[^>]*style="background:(rgb\([^)]+\))/.exec(section)?.[1];
    assert.ok(pos && neg && pos !== neg);
  });

  test('rolling Sharpe and volatility charts over the documented window', () => {
    const section = sectionOf(html, 'rolling');
    assert.ok(section.includes(`(${ROLLING_WINDOW_DAYS} days)`));
    assert.equal(count(section, '<svg class="chart"'), 2);
    assert.equal(count(section, 'class="rolling-sharpe-line"'), 1);
    assert.equal(count(section, 'class="rolling-vol-line"'), 1);
    assert.equal(count(section, 'class="rolling-benchmark-sharpe-line"'), 1);
  });

  test('trade distribution: one bar per non-empty bin, coloured by side, with percentiles', () => {
    const section = sectionOf(html, 'trade-distribution');
    const h = histogram(
      input.trades.map((t) => t.netPnl),
      suggestedBins(input.trades.length),
    );
    assert.equal(count(section, 'class="bin '), h.counts.filter((c) => c > 0).length);
    assert.ok(count(section, 'class="bin win"') > 0 && count(section, 'class="bin loss"') > 0);
    assert.ok(section.includes('<table class="percentiles">'));
    assert.ok(section.includes('<td>Holding time</td>'));
  });

  test('exposure: gross percent of equity and time in market', () => {
    const section = sectionOf(html, 'exposure');
    assert.equal(count(section, 'class="exposure-gross-line"'), 1);
    assert.equal(count(section, 'class="exposure-net-line"'), 0, 'long only: net = gross');
    assert.ok(section.includes(`Time in market: ${formatFractionAsPercent(input.statistics.exposure)}`));
  });
});

describe('the tearsheet with little or nothing to show', () => {
  test('no trades, no exposure, a short run: each section says so', () => {
    const input = build(60, { shares: 0 });
    const html = renderTearsheet({ ...input, exposure: undefined });
    assert.equal(input.trades.length, 0);
    assert.ok(sectionOf(html, 'trade-distribution').includes('No closed trades.'));
    assert.ok(!sectionOf(html, 'trade-distribution').includes('<svg'));
    assert.ok(sectionOf(html, 'exposure').includes('No exposure curve in the input.'));
    const rolling = sectionOf(html, 'rolling');
    assert.ok(
      rolling.includes(`The run has 60 daily returns; the rolling window needs ${ROLLING_WINDOW_DAYS}`),
    );
    assert.ok(!rolling.includes('<svg'));
    assert.ok(sectionOf(html, 'drawdown').includes('No drawdown'));
  });

  test('one day', () => {
    const input = build(1);
    const html = renderTearsheet(input);
    assert.ok(sectionOf(html, 'rolling').includes('The run has 1 daily return;'));
    assert.equal(count(sectionOf(html, 'monthly-returns'), '<tr data-year='), 1);
    assert.ok(sectionOf(html, 'benchmark').includes('data-compare="beta"'));
  });

  test('an empty run renders every section', () => {
    const equity = { time: [], equity: [], inMarket: [] };
    const html = renderTearsheet({
      title: 'Empty',
      statistics: computeStatistics({
        equity,
        trades: [],
        fills: [],
        initialCapital: 1000,
        currencyPrecision: 2,
      }),
      equity,
      prices: { instrumentId: 'X.Y', time: [], close: [] },
      fills: [],
      trades: [],
      parameters: {},
      currency: 'EUR',
      exposure: { gross: [], net: [], leverage: [] },
    });
    assert.deepEqual(
      [...html.matchAll(/<section data-section="([^"]+)">/g)].map((m) => m[1]),
      ORDER.filter((id) => id !== 'parameters'),
    );
    assert.ok(sectionOf(html, 'monthly-returns').includes('No data.'));
    assert.ok(sectionOf(html, 'benchmark').includes('No prices to build a buy-and-hold benchmark from.'));
    assert.ok(sectionOf(html, 'rolling').includes('The run has 0 daily returns'));
  });
});

describe('renderRunTearsheet', () => {
  test('passes the run’s exposure curve through', () => {
    const run = runFileBacktest({
      file: 'data/2006-day-001.txt',
      strategy: 'sma-cross',
      params: ['fast=10', 'slow=30'],
      config: loadBourseConfig({}),
    });
    const html = renderRunTearsheet(run, { strategy: 'sma-cross', data: 'data/2006-day-001.txt' });
    assert.equal(count(sectionOf(html, 'exposure'), 'class="exposure-gross-line"'), 1);
    assert.ok(sectionOf(html, 'trade-distribution').includes('class="bin '));
  });
});
