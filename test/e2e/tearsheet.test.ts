/**
 * The `--report` tearsheet of a real backtest (sma-cross 10/50 on the bundled S&P 500 closes) in real
 * Chromium: every chart drawn with real extent, the monthly heatmap coloured by sign, the P&L
 * histogram with bars, no horizontal overflow at 1200 px and not one network request.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { runFileBacktest } from '../../src/backtest/run-file.js';
import { renderRunTearsheet } from '../../src/backtest/tearsheet/index.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import { browserMissing, launchChromium } from './browser.js';
import { CHARTS, type ChartReport } from './chart-probes.js';

const SHOTS = join(process.cwd(), '.bourse', 'e2e');
const missing = browserMissing();

interface HeatmapReport {
  readonly years: readonly { readonly year: string; readonly cells: number; readonly withData: number }[];
  readonly positive: readonly string[];
  readonly negative: readonly string[];
}

const HEATMAP = `(() => {
  const section = document.querySelector('[data-section="monthly-returns"]');
  const colours = (selector) =>
    [...section.querySelectorAll(selector)].map((td) => getComputedStyle(td).backgroundColor);
  return {
    years: [...section.querySelectorAll('tr[data-year]')].map((tr) => ({
      year: tr.getAttribute('data-year'),
      cells: tr.querySelectorAll('td.month').length,
      withData: tr.querySelectorAll('td.month[data-return]').length,
    })),
    positive: colours('td.month.pos'),
    negative: colours('td.month.neg'),
  };
})()`;

function rgb(colour: string): [number, number, number] {
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(colour);
  assert.ok(m, colour);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

describe('tearsheet in Chromium', { skip: missing, timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];
  let html = '';

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const run = runFileBacktest({
      file: 'data/sp500-2000.csv',
      strategy: 'sma-cross',
      params: ['fast=10', 'slow=50'],
      config: loadBourseConfig({}),
    });
    html = renderRunTearsheet(run, { strategy: 'sma-cross', data: 'data/sp500-2000.csv' });
    const file = join(SHOTS, 'tearsheet.html');
    writeFileSync(file, html);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
  });
  after(async () => {
    await browser?.close();
  });

  test('loads nothing but the document itself', (t) => {
    t.diagnostic(`tearsheet: ${Buffer.byteLength(html)} bytes`);
    assert.equal(requests.length, 1, requests.join('\n'));
    assert.match(requests[0], /^file:.*tearsheet\.html$/);
    assert.deepEqual(problems, []);
  });

  test('every chart is drawn, and every series spans most of its plot', async () => {
    const charts = (await page.evaluate(CHARTS)) as ChartReport[];
    // Equity, drawdown, rolling Sharpe, rolling volatility, exposure, price, P&L histogram.
    assert.equal(charts.length, 7, charts.map((c) => c.label).join(', '));
    for (const chart of charts) {
      assert.ok(chart.width > 500 && chart.height > 100, `${chart.label}: ${chart.width}×${chart.height}`);
      assert.ok(chart.plotWidth > 0, chart.label);
      for (const s of chart.series)
        assert.ok(
          s.width > chart.plotWidth / 2,
          `${chart.label} ${s.name}: ${s.width} of ${chart.plotWidth}`,
        );
    }
    const names = charts.flatMap((c) => c.series.map((s) => s.name));
    for (const name of [
      'equity-line',
      'benchmark-line',
      'drawdown-line',
      'rolling-sharpe-line',
      'rolling-vol-line',
      'exposure-gross-line',
      'price-line',
    ])
      assert.ok(names.includes(name), name);
  });

  test('the histogram has bars on both sides of zero', async () => {
    const bins = page.locator('[data-section="trade-distribution"] svg rect.bin');
    assert.ok((await bins.count()) > 1);
    assert.ok((await page.locator('rect.bin.win').count()) > 0);
    assert.ok((await page.locator('rect.bin.loss').count()) > 0);
  });

  test('the monthly heatmap: 12 month cells a year, green up, red down', async () => {
    const heat = (await page.evaluate(HEATMAP)) as HeatmapReport;
    assert.deepEqual(
      heat.years.map((y) => y.year),
      Array.from({ length: 21 }, (_, i) => String(2000 + i)),
    );
    for (const y of heat.years) assert.equal(y.cells, 12, y.year);
    // 2000 starts on Jan 4 and 2020 ends in April: the years between are full.
    for (const y of heat.years.slice(1, -1)) assert.equal(y.withData, 12, y.year);
    assert.ok(heat.positive.length > 10 && heat.negative.length > 10);
    for (const c of heat.positive) {
      const [r, g] = rgb(c);
      assert.ok(g > r, `positive month ${c}`);
    }
    for (const c of heat.negative) {
      const [r, g] = rgb(c);
      assert.ok(r > g, `negative month ${c}`);
    }
    assert.ok(!heat.positive.some((c) => heat.negative.includes(c)));
  });

  test('fits 1200 px without horizontal scrolling; screenshot', async () => {
    const overflow = (await page.evaluate(
      'document.documentElement.scrollWidth - window.innerWidth',
    )) as number;
    assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
    await page.screenshot({ path: join(SHOTS, 'tearsheet.png'), fullPage: true });
  });
});
