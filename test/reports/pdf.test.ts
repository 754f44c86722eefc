/**
 * PDF export: finding the browser, the print stylesheet, failures of the browser process (stand-in
 * scripts), and real prints of a tearsheet and a comparison in Chromium, read back with pdf-lib.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { renderRunTearsheet } from '../../src/backtest/tearsheet/index.js';
import { BourseError } from '../../src/core/errors.js';
import { findChromium } from '../../src/reports/chromium.js';
import { renderComparison } from '../../src/reports/comparison.js';
import { withHeadStyle } from '../../src/reports/html-head.js';
import { printPdf } from '../../src/reports/pdf.js';
import { printCss } from '../../src/reports/print-css.js';
import { browserMissing, CHROMIUM_PATH } from '../e2e/browser.js';
import { smaRun } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-pdf-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string, folder = dir): string {
  const path = join(folder, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const missing = (error: unknown, re: RegExp) =>
  error instanceof BourseError && error.code === 'CHROMIUM_MISSING' && re.test(error.message);

describe('findChromium', () => {
  const bin = mkdtempSync(join(dir, 'bin-'));
  const browser = script('chromium-browser', 'exit 0', bin);
  writeFileSync(join(bin, 'chromium'), 'not executable');

  test('an option first, then BOURSE_CHROMIUM, then PATH in the documented order', () => {
    const env = { PATH: bin, BOURSE_CHROMIUM: browser };
    assert.equal(findChromium(browser, { PATH: '' }), browser);
    assert.equal(findChromium(undefined, env), browser);
    assert.equal(
      findChromium(undefined, { PATH: `/nonexistent:${bin}` }),
      browser,
      'skips the non-executable chromium',
    );
    const first = mkdtempSync(join(dir, 'bin-'));
    const chromium = script('chromium', 'exit 0', first);
    assert.equal(findChromium(undefined, { PATH: `${bin}:${first}` }), chromium);
  });

  test('none found, or a given path that is not there: says how to install one', () => {
    assert.throws(
      () => findChromium(undefined, { PATH: '' }),
      (e: unknown) =>
        missing(
          e,
          /none of chromium, chromium-browser, google-chrome is on PATH; .*apt-get install chromium.*BOURSE_CHROMIUM/,
        ),
    );
    assert.throws(
      () => findChromium(undefined, { PATH: bin, BOURSE_CHROMIUM: '/nope/chrome' }),
      (e: unknown) =>
        missing(e, /^BOURSE_CHROMIUM: no executable '\/nope\/chrome'; .*apt-get install chromium/),
    );
  });
});

describe('print stylesheet', () => {
  test('paper size and the rules that keep sections whole', () => {
    assert.match(printCss(), /@page\{size:A4;margin:10mm\}/);
    assert.match(printCss({ paper: 'Letter', landscape: true }), /size:Letter landscape/);
    assert.match(printCss(), /section\{[^}]*break-inside:avoid/);
  });

  test('inserted before </head>; a document without one is refused', () => {
    assert.equal(
      withHeadStyle('<html><head><title>t</title></head><body></body></html>', 'p{}'),
      '<html><head><title>t</title><style>p{}</style>\n</head><body></body></html>',
    );
    assert.throws(() => withHeadStyle('<p>no head</p>', 'p{}'), /no <\/head>/);
  });
});

describe('printPdf with stand-in browsers', () => {
  const page = '<html><head></head><body>x</body></html>';
  const out = join(dir, 'out.pdf');

  test('prints through the browser: the page with the print CSS, then the temporary folder is gone', async () => {
    const seen = join(dir, 'seen.html');
    const args = join(dir, 'args.txt');
    const fake = script(
      'fake-chromium',
      `echo "$@" > ${args}
for a; do case $a in
  --print-to-pdf=*) printf '%%PDF-1.4 fake' > "\${a#--print-to-pdf=}";;
  file://*) cp "\${a#file://}" ${seen};;
esac; done`,
    );
    const printed = await printPdf(page, out, { chromium: fake, paper: 'Letter' });
    assert.equal(readFileSync(out, 'latin1'), '%PDF-1.4 fake');
    assert.equal(printed.bytes, 13);
    assert.match(readFileSync(seen, 'utf8'), /<style>@page\{size:Letter;[^<]*<\/style>\n<\/head>/);
    const flags = readFileSync(args, 'utf8');
    assert.match(flags, /--headless --no-sandbox --disable-gpu --disable-background-networking/);
    assert.match(flags, /--no-pdf-header-footer/);
    const profile = /--user-data-dir=(\S+)/.exec(flags)?.[1] ?? '';
    assert.ok(
      profile.includes('bourse-pdf-') && !existsSync(join(profile, '..')),
      'temporary folder removed',
    );
  });

  test('a failing browser: its error, without the D-Bus noise, naming the output file', async () => {
    const fake = script(
      'failing',
      `echo "[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus" >&2
echo "cannot open the page" >&2
exit 3`,
    );
    await assert.rejects(
      printPdf(page, out, { chromium: fake }),
      (e: unknown) =>
        e instanceof BourseError &&
        e.code === 'PDF_FAILED' &&
        e.message === `${out}: ${fake} failed (exit 3): cannot open the page`,
    );
  });

  test('a browser that prints nothing, or hangs past the time limit', async () => {
    const silent = script('silent', 'exit 0');
    await assert.rejects(printPdf(page, out, { chromium: silent }), /exited without printing a PDF/);
    const hangs = script('hangs', 'sleep 30');
    const started = Date.now();
    await assert.rejects(
      printPdf(page, out, { chromium: hangs, timeoutMs: 300 }),
      /did not print within 300 ms/,
    );
    assert.ok(Date.now() - started < 5000);
  });

  test('an output folder that does not exist: names the file', async () => {
    const fake = script(
      'ok',
      `for a; do case $a in --print-to-pdf=*) printf '%%PDF-' > "\${a#--print-to-pdf=}";; esac; done`,
    );
    const bad = join(dir, 'no', 'such', 'dir', 'x.pdf');
    await assert.rejects(
      printPdf(page, bad, { chromium: fake }),
      new RegExp(`^BourseError: ${bad}: cannot write the PDF`),
    );
  });
});

describe('printPdf in Chromium', { skip: browserMissing(), timeout: 120_000 }, () => {
  async function pages(file: string): Promise<{ count: number; width: number; height: number }> {
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const pdf = await PDFDocument.load(bytes);
    const { width, height } = pdf.getPage(0).getSize();
    return { count: pdf.getPageCount(), width, height };
  }

  test('the S&P 500 tearsheet (sma-cross 10/50) prints on a few A4 pages', async () => {
    const run = smaRun(['fast=10', 'slow=50'], 'data/sp500-2000.csv', 100_000);
    const html = renderRunTearsheet(run, { strategy: 'sma-cross', data: 'data/sp500-2000.csv' });
    const file = join(dir, 'sp500.pdf');
    const printed = await printPdf(html, file, { chromium: CHROMIUM_PATH });
    const { count, width, height } = await pages(file);
    assert.ok(count >= 1 && count <= 12, `${count} pages`);
    assert.equal(Math.round(width), 595);
    assert.equal(Math.round(height), 842);
    assert.ok(printed.bytes > 10_000);
  });

  test('a comparison report on Letter paper', async () => {
    const runs = [
      { name: 'fast=1 slow=15', result: smaRun().result },
      { name: 'fast=5 slow=30', result: smaRun(['fast=5', 'slow=30']).result },
    ];
    const file = join(dir, 'compare.pdf');
    await printPdf(renderComparison(runs), file, { chromium: CHROMIUM_PATH, paper: 'Letter' });
    const { count, width, height } = await pages(file);
    assert.ok(count >= 1 && count <= 3, `${count} pages`);
    assert.deepEqual([Math.round(width), Math.round(height)], [612, 792]);
  });
});
