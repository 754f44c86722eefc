/**
 * `bourse compare` and `bourse backtest --xlsx/--pdf` end to end, as child processes of the real CLI.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Command, CommanderError } from 'commander';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { addCompareCommand } from '../../src/cli/compare-command.js';
import { BourseError } from '../../src/core/errors.js';
import { browserMissing } from '../e2e/browser.js';
import { bourse, bourseWithEnv } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-reports-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The compare command run in this process; what it prints (help) goes to `printed`. */
async function inProcess(printed: string[], ...args: string[]): Promise<void> {
  const program = new Command('bourse')
    .exitOverride()
    .configureOutput({ writeOut: (text) => printed.push(text), writeErr: (text) => printed.push(text) });
  addCompareCommand(program);
  await program.parseAsync(args, { from: 'user' });
}

const DATA = ['--data', 'data/2006-day-001.txt', '--cash', '10000'];
const chromiumMissing = browserMissing();
/** The reference run (final value 10,284.10, 11 trades). */
const REFERENCE = ['backtest', ...DATA, '--strategy', 'sma-cross', '--param', 'fast=1', '--param', 'slow=15'];

describe('bourse compare', () => {
  test('two runs on one file: the table on stdout and the HTML report', () => {
    const report = join(dir, 'cmp.html');
    const out = bourse(
      'compare',
      ...DATA,
      '--run',
      'sma-cross fast=1 slow=15',
      '--run',
      ' sma-cross  fast=5 slow=30 ',
      '--report',
      report,
    );
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.match(lines[0], /^data\/2006-day-001\.txt · 2006-DAY-001\.SIM · 255 bars$/);
    assert.match(lines[1], /sma-cross fast=1 slow=15\s+sma-cross fast=5 slow=30$/);
    assert.match(out.stdout, /Total return\s+2\.84%/, 'the reference run: 10,284.10 from 10,000');
    assert.match(out.stdout, /Closed trades\s+11\s/);
    assert.match(out.stderr, /comparison report written to/);
    const html = readFileSync(report, 'utf8');
    assert.equal((html.match(/class="equity-line"/g) ?? []).length, 2);
    assert.match(html, /sma-cross fast=5 slow=30/);
  });

  test('bad --run texts and too few runs name the flag and the run', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--run', 'sma-cross fast=1'], /^--run: compare needs at least two runs, got 1$/],
      [
        ['--run', 'sma-cross fast', '--run', 'sma-cross'],
        /^--run "sma-cross fast": expected name=value parameters, got 'fast'$/,
      ],
      [
        ['--run', 'fast=1 sma-cross', '--run', 'sma-cross'],
        /^--run "fast=1 sma-cross": starts with 'fast=1': put the strategy name first$/,
      ],
      [
        ['--run', 'sma-cross fsat=2', '--run', 'sma-cross'],
        /^--run "sma-cross fsat=2": fsat: unknown parameter; did you mean fast\?/,
      ],
      [['--run', 'nope x=1', '--run', 'sma-cross'], /^--run "nope x=1": unknown strategy 'nope'/],
      [['--run', 'sma-cross', '--run', 'sma-cross'], /^--run "sma-cross": given twice$/],
    ];
    for (const [runs, message] of cases) {
      await assert.rejects(inProcess([], 'compare', ...DATA, ...runs), (e: unknown) => {
        assert.ok(e instanceof BourseError && e.code !== undefined, String(e));
        assert.match(e.message, message);
        return true;
      });
    }
  });

  test('a bad run exits with 2 and the message, before any backtest', () => {
    const out = bourse('compare', ...DATA, '--run', 'sma-cross fast=x', '--run', 'sma-cross');
    assert.equal(out.code, 2);
    assert.match(out.stderr, /^error: --run "sma-cross fast=x": fast: /m);
    assert.equal(out.stdout, '');
  });

  test('--strategy is not an option of compare; the shared options are', async () => {
    const printed: string[] = [];
    await assert.rejects(inProcess(printed, 'compare', '--help'), CommanderError);
    const help = printed.join('');
    assert.doesNotMatch(help, /--strategy|--param/);
    assert.match(help, /--commission <amount>/);
    assert.match(help, /--run <run>/);
  });

  test('--pdf prints the comparison', { skip: chromiumMissing }, async () => {
    const pdf = join(dir, 'cmp.pdf');
    const out = bourse(
      'compare',
      ...DATA,
      '--run',
      'sma-cross fast=1 slow=15',
      '--run',
      'sma-cross fast=2 slow=20',
      '--pdf',
      pdf,
    );
    assert.equal(out.code, 0, out.stderr);
    const count = (await PDFDocument.load(readFileSync(pdf))).getPageCount();
    assert.ok(count >= 1 && count <= 3);
  });
});

describe('bourse backtest --xlsx --pdf', () => {
  test('--xlsx writes the workbook of the run', async () => {
    const file = join(dir, 'run.xlsx');
    const out = bourse(...REFERENCE, '--xlsx', file, '--json');
    assert.equal(out.code, 0, out.stderr);
    assert.equal(JSON.parse(out.stdout).closedTrades, 11);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    assert.equal(workbook.getWorksheet('Trades')?.rowCount, 12);
    assert.equal(workbook.getWorksheet('Fills')?.rowCount, 24);
  });

  test('--pdf prints the tearsheet beside --report', { skip: chromiumMissing }, async () => {
    const pdf = join(dir, 'run.pdf');
    const html = join(dir, 'run.html');
    const out = bourse(...REFERENCE, '--pdf', pdf, '--report', html);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stderr, /PDF tearsheet written to .*run\.pdf \(\d+ bytes\)/);
    assert.ok(existsSync(html));
    const count = (await PDFDocument.load(readFileSync(pdf))).getPageCount();
    assert.ok(count >= 1 && count <= 8);
  });

  test('--pdf without a browser fails before the backtest, saying how to get one', () => {
    const out = bourseWithEnv(
      { BOURSE_CHROMIUM: '/nonexistent/chromium' },
      ...['backtest', ...DATA, '--strategy', 'sma-cross', '--pdf', join(dir, 'x.pdf')],
    );
    assert.equal(out.code, 2);
    assert.match(
      out.stderr,
      /^error: BOURSE_CHROMIUM: no executable '\/nonexistent\/chromium'; .*apt-get install chromium/m,
    );
    assert.equal(out.stdout, '');
  });
});
