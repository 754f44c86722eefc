/**
 * The heatmap and comparison pages in real Chromium: every cell laid out with its computed colour,
 * every chart line drawn with a non-empty box, and no request leaving the page. Evaluated scripts
 * are strings (tsx would wrap function literals in helpers the page lacks).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderComparison } from '../../src/reports/comparison.js';
import { renderOptimizationHeatmap } from '../../src/reports/optimization-heatmap.js';
import { browserMissing, launchChromium } from '../e2e/browser.js';
import { combination, smaRun } from './support.js';

const CELLS = `[...document.querySelectorAll('table.opt-grid td.cell')].map((td) => {
  const box = td.getBoundingClientRect();
  const style = getComputedStyle(td);
  return { cls: td.className, bg: style.backgroundColor, image: style.backgroundImage, outline: style.outlineStyle, w: box.width, h: box.height };
})`;

const LINES = `[...document.querySelectorAll('svg.chart')].map((svg) =>
  [...svg.querySelectorAll('path.equity-line, path.drawdown-line')].map((p) => {
    const b = p.getBBox();
    return { cls: p.getAttribute('class'), w: b.width, h: b.height, stroke: p.getAttribute('stroke') };
  }))`;

describe('report pages in Chromium', { skip: browserMissing(), timeout: 120_000 }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  /** A page with `html` set as its content; every request it makes is recorded. */
  async function open(html: string): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: 'load' });
    return { page, requests };
  }

  test('heatmap: x × y cells, colours varying, broken cells hatched, the best outlined', async () => {
    const results = [];
    for (const fast of [2, 4, 6, 8])
      for (const slow of [10, 20, 30])
        for (const q of [1, 2])
          results.push(combination({ fast, slow, q }, fast * 100 + slow * q - 500, fast !== 8));
    const { page, requests } = await open(renderOptimizationHeatmap(results, { x: 'fast', y: 'slow' }));
    const cells = (await page.evaluate(CELLS)) as {
      cls: string;
      bg: string;
      image: string;
      outline: string;
      w: number;
      h: number;
    }[];
    assert.equal(cells.length, 4 * 3);
    assert.ok(cells.every((c) => c.w > 20 && c.h > 15));
    const coloured = cells.filter((c) => !c.cls.includes('failed'));
    assert.equal(coloured.length, 9);
    assert.equal(new Set(coloured.map((c) => c.bg)).size, 9, 'each value its own colour');
    const failed = cells.filter((c) => c.cls.includes('failed'));
    assert.equal(failed.length, 3);
    assert.ok(
      failed.every((c) => c.bg === 'rgb(208, 215, 222)' && c.image.includes('repeating-linear-gradient')),
    );
    const best = cells.filter((c) => c.outline === 'solid');
    assert.equal(best.length, 1);
    assert.equal(best[0].cls, 'cell best');
    assert.deepEqual(requests, []);
    await page.close();
  });

  test('comparison: each run drawn on both charts in its own colour', async () => {
    const runs = [
      { name: 'fast=1 slow=15', result: smaRun().result },
      { name: 'fast=5 slow=30', result: smaRun(['fast=5', 'slow=30']).result },
      { name: 'fast=3 slow=10', result: smaRun(['fast=3', 'slow=10'], undefined, 20_000).result },
    ];
    const { page, requests } = await open(renderComparison(runs));
    const charts = (await page.evaluate(LINES)) as { cls: string; w: number; h: number; stroke: string }[][];
    assert.equal(charts.length, 2);
    for (const lines of charts) {
      assert.equal(lines.length, 3);
      assert.ok(
        lines.every((l) => l.w > 500 && l.h > 5),
        JSON.stringify(lines),
      );
      assert.equal(new Set(lines.map((l) => l.stroke)).size, 3);
    }
    const best = await page.locator('table.run-stats td.best').count();
    assert.ok(best >= 9);
    assert.deepEqual(requests, []);
    await page.close();
  });
});
