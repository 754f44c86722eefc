/**
 * The walk-forward report of a real run (sma-cross over the S&P 500 daily bars, 3-year in-sample
 * and 2-year out-of-sample windows) in real Chromium: the window timeline drawn with in-sample bars
 * left of their out-of-sample bars, the stability charts and the stitched run's tearsheet charts
 * drawn, no network request, and a screenshot in .bourse/e2e/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { loadFileSeries } from '../../src/backtest/run-file.js';
import { loadBourseConfig } from '../../src/core/config-schema.js';
import {
  type BacktestSetup,
  parameterSpace,
  renderWalkForwardReport,
  runCombinationBacktest,
  runSetupBacktest,
  walkForward,
  walkForwardWindows,
} from '../../src/research/index.js';
import { browserMissing, launchChromium } from './browser.js';
import { CHARTS, type ChartReport } from './chart-probes.js';

const SHOTS = join(process.cwd(), '.bourse', 'e2e');
const missing = browserMissing();

/** Each timeline row's in-sample and out-of-sample bar boxes (left edge and width, px). */
const TIMELINE = `[...document.querySelectorAll('.wf-row')].map((row) => {
  const box = (sel) => { const r = row.querySelector(sel).getBoundingClientRect(); return { left: r.left, width: r.width }; };
  return { is: box('.is'), oos: box('.oos') };
})`;

describe('walk-forward report in Chromium', { skip: missing, timeout: 180_000 }, () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  let windows = 0;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const file = 'data/sp500-2000.csv';
    const { series } = loadFileSeries({ file, csv: {} });
    const setup: BacktestSetup = {
      strategy: 'sma-cross',
      config: loadBourseConfig({}),
      venueModels: {},
      dataName: file,
    };
    const times = series.bars.map((bar) => bar.tsEvent);
    const inSample = { unit: 'years', count: 3 } as const;
    const outOfSample = { unit: 'years', count: 2 } as const;
    const space = parameterSpace(['fast=5,20', 'slow=50,100', 'quantity=25']);
    const report = await walkForward({
      windows: walkForwardWindows(times, { inSample, outOfSample, anchored: false }),
      space,
      search: { kind: 'grid' },
      objective: 'sharpe',
      constraints: {},
      strategy: 'sma-cross',
      times,
      warmup: 250,
      startingCash: 100_000,
      backtest: async (task) => runCombinationBacktest(setup, series, task),
      runOutOfSample: (params, bars) => runSetupBacktest(setup, series, params, bars).result,
    });
    windows = report.windows.length;
    const html = renderWalkForwardReport(report, {
      strategy: 'sma-cross',
      data: file,
      instrument: series.instrument.id,
      inSample,
      outOfSample,
      anchored: false,
      warmup: 250,
      objective: 'sharpe',
      space,
    });
    const path = join(SHOTS, 'walkforward.html');
    writeFileSync(path, html);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(path).href);
  });

  after(async () => {
    await browser?.close();
  });

  test('one timeline row per window, in sample left of out of sample, windows moving right', async () => {
    const rows = (await page.evaluate(TIMELINE)) as { is: Box; oos: Box }[];
    assert.equal(rows.length, windows);
    rows.forEach((row, i) => {
      assert.ok(row.is.width > 50 && row.oos.width > 20, `row ${i + 1}: ${JSON.stringify(row)}`);
      assert.ok(
        row.is.left + row.is.width <= row.oos.left + 1,
        `row ${i + 1}: in sample ends before out of sample`,
      );
      if (i > 0) assert.ok(row.oos.left > rows[i - 1].oos.left, `row ${i + 1} moves right`);
    });
  });

  test('stability and stitched-run charts are drawn; nothing loaded from the network', async () => {
    const charts = (await page.evaluate(CHARTS)) as ChartReport[];
    const names = charts.flatMap((c) => c.series.map((s) => s.name));
    assert.equal(names.filter((n) => n === 'stability-line').length, 2);
    for (const name of ['equity-line', 'benchmark-line', 'drawdown-line'])
      assert.ok(names.includes(name), name);
    for (const chart of charts) {
      for (const s of chart.series)
        assert.ok(
          s.width > chart.plotWidth / 2,
          `${chart.label} ${s.name}: ${s.width} of ${chart.plotWidth}`,
        );
    }
    assert.equal(await page.locator('[data-section="wf-windows"] tbody tr').count(), windows);
    assert.equal(requests.length, 1, requests.join('\n'));
    await page.screenshot({ path: join(SHOTS, 'walkforward.png'), fullPage: true });
  });
});

interface Box {
  readonly left: number;
  readonly width: number;
}
