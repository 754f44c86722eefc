/**
 * `bourse walkforward` through the real CLI on the S&P 500 daily bars: the JSON document's windows
 * (back to back, in-sample before out-of-sample), the report file, the table, and flag errors.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { browserMissing } from '../e2e/browser.js';
import { bourseAsync } from '../support/cli.js';
import { bourseInProcess } from '../support/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-walkforward-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const RUN = [
  'walkforward',
  ...['--data', 'data/sp500-2000.csv', '--strategy', 'sma-cross'],
  ...['--param', 'fast=5,20', '--param', 'slow=50,100', '--param', 'quantity=25'],
  ...['--in-sample', '3y', '--out-of-sample', '2y', '--workers', '2'],
];

describe('bourse walkforward', () => {
  test('--json and --report: windows back to back, no in-sample bar at or after its out-of-sample start', async () => {
    const report = join(dir, 'wf.html');
    const pdf = join(dir, 'wf.pdf');
    const printing = browserMissing() === undefined ? ['--pdf', pdf] : [];
    const out = await bourseAsync(...RUN, '--json', '--report', report, ...printing);
    assert.equal(out.code, 0, out.stderr);
    const json = JSON.parse(out.stdout);
    assert.equal(json.mode, 'rolling');
    assert.equal(json.inSample, '3 years');
    assert.equal(json.windows.length, 9);
    assert.equal(json.warmup, json.windows[0].inSample.bars);
    json.windows.forEach((w: WindowJson, i: number) => {
      assert.ok(w.inSample.to < w.outOfSample.from, `window ${i + 1}`);
      if (i > 0) assert.ok(json.windows[i - 1].outOfSample.to < w.outOfSample.from);
      assert.equal(w.params.quantity, 25);
      assert.ok([5, 20].includes(w.params.fast) && [50, 100].includes(w.params.slow));
      assert.equal(w.combinations, 4);
    });
    assert.equal(json.stitched.statistics.startTime, Date.parse(json.windows[0].outOfSample.from) * 1000);
    assert.equal(json.stability.length, 2);
    const html = readFileSync(report, 'utf8');
    for (const section of ['wf-kpis', 'wf-timeline', 'wf-windows', 'wf-stability'])
      assert.ok(html.includes(`data-section="${section}"`), section);
    assert.equal((html.match(/class="wf-row"/g) ?? []).length, 9);
    if (printing.length > 0) {
      const pages = (await PDFDocument.load(readFileSync(pdf))).getPageCount();
      assert.ok(pages >= 3 && pages <= 20, `${pages} pages`);
    }
  });

  test('the table: one row per window, then the stitched figures', async () => {
    const out = await bourseAsync(...RUN, '--anchored', '--warmup', '0');
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.match(
      lines[0],
      /^walk-forward of sma-cross on SP500-2000\.SIM: anchored, 3 years in sample, 2 years out of sample, 9 windows, objective sharpe, warm-up 0 bars$/,
    );
    assert.match(lines[1], /^#\s+in sample\s+out of sample\s+fast\s+slow\s+IS sharpe/);
    for (let i = 0; i < 9; i++) assert.match(lines[2 + i], new RegExp(`^${i + 1}\\s+2000-01-04 → `));
    assert.match(out.stdout, /stitched out of sample: 2003-01-0\d → /);
    assert.match(out.stdout, /walk-forward efficiency/);
  });

  test('bad flags are errors naming the flag', async () => {
    const base = [
      'walkforward',
      '--data',
      'data/sp500-2000.csv',
      '--strategy',
      'sma-cross',
      '--param',
      'slow=50,100',
    ];
    const cases: Array<[string[], RegExp]> = [
      [[], /--in-sample: required \(or optimize\.walkForward\.inSample in the config\)/],
      [['--in-sample', '3y'], /--out-of-sample: required/],
      [
        ['--in-sample', '3q', '--out-of-sample', '1y'],
        /--in-sample: expected a number of bars \(500\) or a span/,
      ],
      [['--in-sample', '3y', '--out-of-sample', '100'], /both window lengths in bars/],
      [['--in-sample', '30y', '--out-of-sample', '1y'], /ends before the first out-of-sample window/],
      [
        ['--in-sample', '3y', '--out-of-sample', '1y', '--warmup', '-1'],
        /--warmup: expected a whole number >= 0/,
      ],
    ];
    for (const [flags, message] of cases) {
      const out = await bourseInProcess(...base, ...flags);
      assert.equal(out.code, 2, `${flags.join(' ')}: ${out.stderr}`);
      assert.match(out.stderr, message);
    }
  });
});

interface WindowJson {
  inSample: { from: string; to: string; bars: number };
  outOfSample: { from: string; to: string; bars: number };
  params: Record<string, number>;
  combinations: number;
}
