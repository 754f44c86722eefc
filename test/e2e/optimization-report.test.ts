/**
 * The optimisation report with its overfitting diagnostics, from a real 44-combination grid on the
 * 2006 daily bars, in real Chromium: the heatmap laid out, the PBO logit histogram and the
 * bootstrap fan chart drawn, nothing fetched.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadFileSeries } from '../../src/backtest/run-file.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import { renderOptimizationReport } from '../../src/reports/optimization-report.js';
import {
  type BacktestSetup,
  type CombinationTask,
  DailyReturnsCollector,
  memoryResults,
  optimize,
  parameterSpace,
  runCombinationBacktest,
} from '../../src/research/index.js';
import { browserMissing, launchChromium } from './browser.js';
import { CHARTS, type ChartReport } from './chart-probes.js';

const SHOTS = join(process.cwd(), '.bourse', 'e2e');

describe('optimisation report in Chromium', { skip: browserMissing(), timeout: 120_000 }, () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  before(async () => {
    const file = 'data/2006-day-001.txt';
    const { series } = loadFileSeries({ file, csv: {} });
    const setup: BacktestSetup = {
      strategy: 'sma-cross',
      config: loadBourseConfig({}),
      venueModels: {},
      dataName: file,
    };
    const space = parameterSpace(['fast=1..4', 'slow=10..20']);
    const run = async (task: CombinationTask) => runCombinationBacktest(setup, series, task);
    const daily = new DailyReturnsCollector();
    const report = await optimize({
      space,
      search: { kind: 'grid' },
      objective: 'sharpe',
      constraints: {},
      strategy: 'sma-cross',
      results: memoryResults(),
      backtest: daily.wrap(run),
    });
    const diagnostics = await daily.diagnose(report.results, run, { setup, series, seed: 1 });
    const days = daily.days;
    const html = renderOptimizationReport(report.results, {
      space,
      objective: 'sharpe',
      title: 'Optimisation',
      diagnostics: { result: diagnostics, days },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: 'load' });
  });

  after(async () => {
    await browser?.close();
  });

  test('heatmap, diagnostics tables, logit histogram and fan chart are drawn', async () => {
    assert.equal(await page.locator('table.opt-grid td.cell').count(), 4 * 11);
    for (const id of ['deflated-sharpe', 'pbo', 'trade-monte-carlo', 'returns-bootstrap'])
      assert.equal(await page.locator(`[data-section="${id}"]`).count(), 1, id);
    const bins = await page.locator('[data-section="pbo"] rect.bin').count();
    assert.ok(bins > 3, `${bins} logit bins`);
    const charts = (await page.evaluate(CHARTS)) as ChartReport[];
    const bands = charts.find((c) => c.label === 'Bootstrap equity bands (growth of 1)');
    assert.ok(bands);
    assert.equal(bands.series.length, 5);
    for (const s of bands.series)
      assert.ok(s.width > bands.plotWidth * 0.9, `${s.width} of ${bands.plotWidth}`);
    assert.deepEqual(requests, []);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'optimization-report.png'), fullPage: true });
  });
});
