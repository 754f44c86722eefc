import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { addPortfolioCommand } from '../../src/cli/portfolio-command.js';
import { bourse } from '../support/cli.js';
import { commandInProcess } from '../support/command-in-process.js';

/**
 * Runs `bourse portfolio …` in this process on a program holding only this command (cheap: the full
 * CLI imports every command); returns what it printed and the message of the error it threw, which
 * `main` prints before exiting 2 (RangeError, BourseError).
 */
const portfolioInProcess = (...args: string[]) => commandInProcess(addPortfolioCommand, ...args);

const DATA = 'data/EuStockMarkets_daily_1991-1998.csv';
const dir = mkdtempSync(join(tmpdir(), 'bourse-portfolio-'));

test('portfolio optimize prints weights, return, volatility, Sharpe and risk contributions', async () => {
  // In process (no spawn): the command is synchronous, so all it writes is captured.
  const run = await portfolioInProcess(
    'portfolio',
    'optimize',
    '--input',
    DATA,
    '--periods-per-year',
    '260',
    '--method',
    'max-sharpe',
    '--bounds',
    '0:0.5',
    '--risk-free',
    '0.02',
  );
  assert.equal(run.error, '');
  assert.match(
    run.stdout,
    /method max-sharpe, covariance sample, 4 assets, 1859 returns \(260\/yr\), risk-free 0\.02/,
  );
  const weights = [...run.stdout.matchAll(/^(DAX|SMI|CAC|FTSE)\s+(-?[\d.]+)%/gm)].map((m) => Number(m[2]));
  assert.equal(weights.length, 4);
  assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 100) < 0.03);
  assert.ok(weights.every((w) => w >= 0 && w <= 50.005));
  assert.match(run.stdout, /portfolio expected return [\d.]+%, volatility [\d.]+%, Sharpe [\d.]+/);
});

test('portfolio optimize --json with Black–Litterman views and an HTML frontier report', () => {
  const views = join(dir, 'views.json');
  writeFileSync(
    views,
    JSON.stringify({ views: [{ assets: { DAX: 1, FTSE: -1 }, return: 0.03, confidence: 0.6 }] }),
  );
  const report = join(dir, 'frontier.html');
  const run = bourse(
    'portfolio',
    'optimize',
    '--input',
    DATA,
    '--periods-per-year',
    '260',
    '--method',
    'black-litterman',
    '--views',
    views,
    '--covariance',
    'ledoit-wolf',
    '--report',
    report,
    '--json',
  );
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  const weights = Object.values(out.weights) as number[];
  assert.ok(Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(weights.every((w) => w >= -1e-15));
  // The view (DAX beats FTSE by 3 %) is blended with the prior: the posterior spread is between the two.
  const prior = out.equilibriumReturns.DAX - out.equilibriumReturns.FTSE;
  const posterior = out.posteriorReturns.DAX - out.posteriorReturns.FTSE;
  assert.ok(posterior > Math.min(prior, 0.03) && posterior < Math.max(prior, 0.03));
  const html = readFileSync(report, 'utf8');
  assert.match(html, /<svg[^>]*aria-label="efficient frontier"/);
  for (const label of ['min variance', 'max Sharpe', 'ERC', 'DAX', 'FTSE'])
    assert.ok(html.includes(label), label);
});

test('bad input throws an error (main prints it and exits 2) naming the problem', async () => {
  const bounds = await portfolioInProcess('portfolio', 'optimize', '--input', DATA, '--bounds', '0:0.2');
  assert.match(bounds.error, /upper bounds sum to 0\.8 < 1, below the budget/);
  const method = await portfolioInProcess('portfolio', 'optimize', '--input', DATA, '--method', 'magic');
  assert.match(method.error, /--method must be one of min-variance, max-sharpe/);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 't,A,B\n1,10,20\n2,11,x\n3,12,21\n');
  const data = await portfolioInProcess('portfolio', 'optimize', '--input', bad);
  assert.match(data.error, /bad\.csv:3, field 'B', value 'x': price must be a number > 0/);
  const views = join(dir, 'views-bad.json');
  writeFileSync(views, JSON.stringify({ views: [{ assets: { NOPE: 1 }, return: 0.01 }] }));
  const unknown = await portfolioInProcess(
    'portfolio',
    'optimize',
    '--input',
    DATA,
    '--method',
    'black-litterman',
    '--views',
    views,
  );
  assert.match(unknown.error, /unknown asset 'NOPE' \(columns: DAX, SMI, CAC, FTSE\)/);
});
