import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { mulberry32 } from '../../src/analytics/statistics/random.js';
import type { ClosedTrade, EquityCurve, FillRecord, Statistics } from '../../src/backtest/result-types.js';
import { computeStatistics } from '../../src/backtest/statistics.js';
import {
  escapeHtml,
  formatDateTime,
  formatFractionAsPercent,
  formatMoney,
  formatNumber,
  formatTrimmed,
} from '../../src/backtest/tearsheet/format.js';
import {
  formatStatistic,
  MAX_INDIVIDUAL_MARKERS,
  MAX_TRADE_ROWS,
  renderTearsheet,
  STATISTIC_ROWS,
  type TearsheetInput,
} from '../../src/backtest/tearsheet/index.js';
import { downsampleMinMax, niceTicks, timeTicks } from '../../src/backtest/tearsheet/svg-chart.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, microsFromDate } from '../../src/model/time.js';

interface Run {
  equity: EquityCurve;
  prices: { instrumentId: string; time: number[]; close: number[] };
  fills: FillRecord[];
  trades: ClosedTrade[];
  statistics: Statistics;
}

/**
 * A realistic run: ~2 years of weekday daily bars (closes at 21:00 UTC) from a drifting random
 * walk, traded by a 10/30 SMA crossover that is always long or short 100 shares, $1 per fill.
 */
function exampleRun(bars = 520, seed = 7): Run {
  const instrumentId = 'ACME.NASDAQ';
  const next = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const time: number[] = [];
  const close: number[] = [];
  let t = microsFromDate('2022-01-03') + 21 * MICROS_PER_HOUR;
  let price = 100;
  while (time.length < bars) {
    const weekday = new Date(t / 1000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      price *= Math.exp(0.0004 + 0.018 * gauss());
      time.push(t);
      close.push(Math.round(price * 100) / 100);
    }
    t += MICROS_PER_DAY;
  }
  const initialCapital = 100_000;
  const commission = 1;
  const qty = 100;
  let cash = initialCapital;
  let position = 0;
  let entry: { time: number; price: number; bar: number; direction: 'long' | 'short' } | null = null;
  const fills: FillRecord[] = [];
  const trades: ClosedTrade[] = [];
  const eq: number[] = [];
  const inMarket: number[] = [];
  const sma = (i: number, n: number) => close.slice(i - n + 1, i + 1).reduce((a, b) => a + b, 0) / n;
  let orders = 0;
  const book = (i: number, side: 'buy' | 'sell') => {
    const p = close[i];
    cash += (side === 'buy' ? -p : p) * qty - commission;
    position += side === 'buy' ? qty : -qty;
    orders++;
    fills.push({
      time: time[i],
      clientOrderId: `O-SMA-${String(orders).padStart(6, '0')}`,
      instrumentId,
      side,
      price: p,
      quantity: qty,
      commission,
      liquidity: 'taker',
    });
  };
  for (let i = 0; i < bars; i++) {
    if (i >= 30) {
      const target = sma(i, 10) > sma(i, 30) ? 1 : -1;
      const current = Math.sign(position);
      if (target !== current) {
        if (entry) {
          book(i, position > 0 ? 'sell' : 'buy');
          const sign = entry.direction === 'long' ? 1 : -1;
          const gross = (close[i] - entry.price) * qty * sign;
          trades.push({
            instrumentId,
            direction: entry.direction,
            quantity: qty,
            entryTime: entry.time,
            exitTime: time[i],
            entryPrice: entry.price,
            exitPrice: close[i],
            grossPnl: gross,
            commissions: 2 * commission,
            netPnl: Math.round((gross - 2 * commission) * 100) / 100,
            barsHeld: i - entry.bar,
          });
        }
        book(i, target > 0 ? 'buy' : 'sell');
        entry = { time: time[i], price: close[i], bar: i, direction: target > 0 ? 'long' : 'short' };
      }
    }
    eq.push(Math.round((cash + position * close[i]) * 100) / 100);
    inMarket.push(position !== 0 ? 1 : 0);
  }
  const equity = { time, equity: eq, inMarket };
  const statistics = computeStatistics({ equity, trades, fills, initialCapital, currencyPrecision: 2 });
  return { equity, prices: { instrumentId, time, close }, fills, trades, statistics };
}

function input(run: Run, overrides: Partial<TearsheetInput> = {}): TearsheetInput {
  return {
    title: 'SMA crossover 10/30 on ACME',
    subtitle: 'Daily bars, always in the market, 100 shares',
    statistics: run.statistics,
    equity: run.equity,
    prices: run.prices,
    fills: run.fills,
    trades: run.trades,
    parameters: { fast: 10, slow: 30, quantity: 100, allowShort: true, venue: 'NASDAQ' },
    currency: 'USD',
    ...overrides,
  };
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

const run = exampleRun();

describe('renderTearsheet', () => {
  const html = renderTearsheet(input(run));

  test('is one self-contained HTML document: no scripts, no network references', () => {
    assert.ok(html.startsWith('<!doctype html>'));
    assert.equal(count(html, '<html'), 1);
    assert.equal(count(html, '</html>'), 1);
    assert.equal(count(html, '<body'), 1);
    assert.ok(!/<script/i.test(html));
    assert.ok(!/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i.test(html));
    assert.ok(!/https?:\/\//i.test(html), 'no URL at all');
    assert.ok(!/@import|url\(/i.test(html), 'no CSS imports or url()');
    assert.ok(/<style>/.test(html));
  });

  test('has its charts with axis labels', () => {
    // Equity, drawdown, rolling Sharpe, rolling volatility, price, P&L histogram (no exposure input).
    assert.equal(count(html, '<svg class="chart'), 6);
    assert.equal(count(html, 'class="equity-line"'), 1);
    assert.equal(count(html, 'class="benchmark-line"'), 1);
    assert.equal(count(html, 'class="drawdown-line"'), 1);
    assert.equal(count(html, 'class="price-line"'), 1);
    // Two years of daily data → yearly-or-finer calendar labels on the time axis.
    assert.ok(/class="xlabel"[^>]*>2022-\d\d</.test(html) || /class="xlabel"[^>]*>2023</.test(html));
    assert.ok(count(html, 'class="ylabel"') >= 6);
    // Underwater chart labels are percents.
    assert.ok(/class="ylabel"[^>]*>-\d+%</.test(html));
  });

  test('shows every statistic, formatted', () => {
    const s = run.statistics;
    for (const key of Object.keys(STATISTIC_ROWS) as (keyof Statistics)[]) {
      const text = escapeHtml(formatStatistic(key, s, 2, 'USD'));
      assert.ok(
        new RegExp(`<tr data-stat="${key}">.*?${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(html),
        key,
      );
    }
    // Spot checks against independent formatting.
    assert.ok(html.includes(formatMoney(s.netProfit, 2, 'USD')));
    assert.ok(html.includes(`${(s.totalReturn * 100).toFixed(2)}%`) || s.totalReturn * 100 >= 1000);
    assert.ok(html.includes(`${s.maxDrawdownPct.toFixed(2)}%`));
    assert.ok(html.includes(`>${s.tradeCount}<`));
  });

  test('every Statistics field has a row', () => {
    const keys = Object.keys(run.statistics).sort();
    assert.deepEqual(Object.keys(STATISTIC_ROWS).sort(), keys);
    assert.equal(count(html, '<tr data-stat='), keys.length);
  });

  test('one marker per fill: buys are green up-triangles, sells red down-triangles, with tooltips', () => {
    const buys = run.fills.filter((f) => f.side === 'buy').length;
    const sells = run.fills.length - buys;
    assert.ok(run.fills.length > 10);
    assert.equal(count(html, 'class="marker buy"'), buys);
    assert.equal(count(html, 'class="marker sell"'), sells);
    const first = run.fills[0];
    assert.ok(html.includes(`<title>${first.side.toUpperCase()} 100 ACME.NASDAQ @ `));
    assert.ok(html.includes(first.clientOrderId));
  });

  test('closed trades table, P&L coloured', () => {
    assert.equal(count(html, '<table class="trades">'), 1);
    const rows = html.slice(html.indexOf('<table class="trades">')).split('<tr>').length - 2; // minus header row
    assert.equal(rows, run.trades.length);
    const loser = run.trades.find((t) => t.netPnl < 0);
    const winner = run.trades.find((t) => t.netPnl > 0);
    assert.ok(loser && winner);
    assert.ok(html.includes(`<span class="neg">${formatNumber(loser.netPnl, 2)}</span>`));
    assert.ok(html.includes(`<span class="pos">${formatNumber(winner.netPnl, 2)}</span>`));
    assert.ok(html.includes(formatDateTime(winner.entryTime)));
  });

  test('header: title, period, instrument and parameters', () => {
    assert.ok(html.includes('<h1>SMA crossover 10/30 on ACME</h1>'));
    assert.ok(html.includes('2022-01-03 21:00:00 → '));
    assert.ok(html.includes('ACME.NASDAQ'));
    assert.ok(html.includes('<tr><td>allowShort</td><td>true</td></tr>'));
    assert.ok(html.includes('<tr><td>fast</td><td>10</td></tr>'));
  });

  test('escapes all text: title, subtitle, parameters, instrument', () => {
    const evil = renderTearsheet(
      input(run, {
        title: '<script>alert("x")</script>',
        subtitle: 'a & b <img src=x onerror=alert(1)>',
        parameters: { '<b>key</b>': '"quoted" & <i>' },
      }),
    );
    assert.ok(!/<script/i.test(evil));
    assert.ok(!/<img/i.test(evil));
    assert.ok(evil.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(evil.includes('a &amp; b &lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(evil.includes('<td>&lt;b&gt;key&lt;/b&gt;</td><td>&quot;quoted&quot; &amp; &lt;i&gt;</td>'));
  });

  test('null statistics show as a dash; empty inputs still render', () => {
    const equity = { time: [], equity: [], inMarket: [] };
    const statistics = computeStatistics({
      equity,
      trades: [],
      fills: [],
      initialCapital: 1000,
      currencyPrecision: 2,
    });
    const empty = renderTearsheet({
      title: 'Empty',
      statistics,
      equity,
      prices: { instrumentId: 'X.Y', time: [], close: [] },
      fills: [],
      trades: [],
      parameters: {},
      currency: 'EUR',
    });
    assert.ok(/<tr data-stat="sharpe"><td>Sharpe ratio<\/td><td class="num"><span>—<\/span>/.test(empty));
    assert.ok(empty.includes('No closed trades.'));
    assert.ok(empty.includes('No data'));
    assert.ok(empty.includes('1,000.00 EUR'));
  });

  test('money uses the currency precision', () => {
    const jpy = renderTearsheet(input(run, { currency: 'JPY' }));
    assert.ok(jpy.includes(`${formatNumber(run.statistics.netProfit, 0)} JPY`));
    const explicit = renderTearsheet(input(run, { currency: 'XYZ', currencyPrecision: 3 }));
    assert.ok(explicit.includes(`${formatNumber(run.statistics.netProfit, 3)} XYZ`));
  });

  test('many fills are merged into per-column markers; many trades are truncated', () => {
    const many = exampleRun(3000, 11);
    const fills: FillRecord[] = [];
    for (let i = 0; i < MAX_INDIVIDUAL_MARKERS + 500; i++)
      fills.push({ ...many.fills[i % many.fills.length], time: many.prices.time[i % 3000] });
    const trades: ClosedTrade[] = [];
    for (let i = 0; i < MAX_TRADE_ROWS + 100; i++) trades.push(many.trades[i % many.trades.length]);
    const out = renderTearsheet(input(many, { fills, trades }));
    const markers = count(out, 'class="marker ');
    assert.ok(markers > 0 && markers < fills.length);
    assert.ok(out.includes('markers merged per pixel column'));
    assert.ok(out.includes('… 100 trades not shown …'));
  });

  test('a 1,000,000-point curve renders into a small file (decimated per pixel column)', () => {
    const n = 1_000_000;
    const time = new Array<number>(n);
    const equity = new Array<number>(n);
    const inMarket = new Array<number>(n);
    const close = new Array<number>(n);
    const next = mulberry32(3);
    let e = 1_000_000;
    let p = 4500;
    const t0 = microsFromDate('2020-01-01');
    for (let i = 0; i < n; i++) {
      time[i] = t0 + i * MICROS_PER_MINUTE;
      p = Math.max(1, p + (next() - 0.5) * 2);
      e += (next() - 0.499) * 500;
      close[i] = Math.round(p * 4) / 4;
      equity[i] = e;
      inMarket[i] = 1;
    }
    const curve = { time, equity, inMarket };
    const fills: FillRecord[] = [];
    for (let i = 0; i < 400; i++) {
      const k = i * 2500;
      fills.push({
        time: time[k],
        clientOrderId: `O-${i}`,
        instrumentId: 'ES.CME',
        side: i % 2 === 0 ? 'buy' : 'sell',
        price: close[k],
        quantity: 1,
        commission: 2.5,
        liquidity: 'taker',
      });
    }
    const statistics = computeStatistics({
      equity: curve,
      trades: [],
      fills,
      initialCapital: 1_000_000,
      currencyPrecision: 2,
    });
    const out = renderTearsheet({
      title: 'Minute bars, 1M points',
      statistics,
      equity: curve,
      prices: { instrumentId: 'ES.CME', time, close },
      fills,
      trades: [],
      parameters: {},
      currency: 'USD',
    });
    const bytes = Buffer.byteLength(out);
    assert.ok(bytes < 1_000_000, `${bytes} bytes`);
    assert.equal(count(out, 'class="marker '), 400);
    // At most ~2 points per pixel column (≤ 1000 columns) + the two ends per line.
    const equityPath = /class="equity-line" d="([^"]+)"/.exec(out)?.[1] ?? '';
    const points = count(equityPath, 'L') + 1;
    assert.ok(points > 500 && points <= 2002, `${points} points`);
  });

  test('writes a real-looking example when BOURSE_TEARSHEET_EXAMPLE is set', () => {
    const path = process.env.BOURSE_TEARSHEET_EXAMPLE;
    if (!path) return;
    writeFileSync(path, html);
  });
});

describe('format helpers', () => {
  test('escapeHtml', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('numbers, money, percents', () => {
    assert.equal(formatNumber(1234567.891, 2), '1,234,567.89');
    assert.equal(formatNumber(-1234.5, 2), '-1,234.50');
    assert.equal(formatNumber(-0.001, 2), '0.00');
    assert.equal(formatNumber(999, 0), '999');
    assert.equal(formatNumber(null, 2), '—');
    assert.equal(formatNumber(Number.NaN, 2), '—');
    assert.equal(formatMoney(-5, 2, 'USD'), '-5.00 USD');
    assert.equal(formatMoney(1234, 0, 'JPY'), '1,234 JPY');
    assert.equal(formatFractionAsPercent(0.12345), '12.35%');
    assert.equal(formatFractionAsPercent(null), '—');
    assert.equal(formatTrimmed(101.25, 2, 4), '101.25');
    assert.equal(formatTrimmed(101.2512, 2, 4), '101.2512');
    assert.equal(formatTrimmed(101.5, 0, 8), '101.5');
    assert.equal(formatTrimmed(100, 0, 8), '100');
  });

  test('date/time', () => {
    assert.equal(formatDateTime(microsFromDate('2024-03-01')), '2024-03-01');
    assert.equal(
      formatDateTime(microsFromDate('2024-03-01') + 14 * MICROS_PER_HOUR + 30 * MICROS_PER_MINUTE),
      '2024-03-01 14:30:00',
    );
    assert.equal(formatDateTime(microsFromDate('2024-03-01') + 1500), '2024-03-01 00:00:00.001');
  });
});

describe('svg-chart helpers', () => {
  test('niceTicks uses 1/2/5 steps covering the range', () => {
    assert.deepEqual(niceTicks(0, 10, 5), { ticks: [0, 2, 4, 6, 8, 10], step: 2 });
    assert.deepEqual(niceTicks(-12.3, 0, 4), { ticks: [-15, -10, -5, 0], step: 5 });
    const flat = niceTicks(100, 100, 4);
    assert.ok(flat.ticks[0] < 100 && flat.ticks[flat.ticks.length - 1] > 100);
  });

  test('timeTicks picks calendar boundaries with matching labels', () => {
    const jan = microsFromDate('2022-01-03');
    const years = timeTicks(jan, microsFromDate('2030-06-01'), 10);
    assert.deepEqual(
      years.map((t) => t.label),
      ['2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030'],
    );
    const months = timeTicks(jan, microsFromDate('2022-12-31'), 8);
    assert.deepEqual(
      months.map((t) => t.label),
      ['2022-03', '2022-05', '2022-07', '2022-09', '2022-11'],
    );
    const hours = timeTicks(jan + 9 * MICROS_PER_HOUR, jan + 17 * MICROS_PER_HOUR, 8);
    assert.deepEqual(
      hours.map((t) => t.label),
      ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00'],
    );
    // Weekly ticks fall on Mondays.
    const weeks = timeTicks(jan, jan + 60 * MICROS_PER_DAY, 10);
    for (const t of weeks) assert.equal(new Date(t.time / 1000).getUTCDay(), 1);
  });

  test('downsampleMinMax keeps every extreme and the ends, in time order', () => {
    const n = 100_000;
    const time = Array.from({ length: n }, (_, i) => i);
    const value = Array.from({ length: n }, (_, i) => Math.sin(i / 37) * (i === 54321 ? 50 : 1));
    const idx = downsampleMinMax(time, value, 500);
    assert.ok(idx.length <= 1002);
    assert.equal(idx[0], 0);
    assert.equal(idx[idx.length - 1], n - 1);
    assert.ok(idx.includes(54321), 'spike kept');
    for (let i = 1; i < idx.length; i++) assert.ok(idx[i] > idx[i - 1]);
    assert.deepEqual(downsampleMinMax([1, 2, 3], [5, Number.NaN, 6], 10), [0, 2]);
  });
});
