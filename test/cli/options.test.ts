import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { addOptionsCommand } from '../../src/cli/options-command.js';
import { bourse } from '../support/cli.js';
import { commandInProcess } from '../support/command-in-process.js';

const INPUT = 'test/fixtures/options/american-puts.csv';
const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'];

/** Runs `bourse options …` in process (importing the whole CLI costs seconds); throws what it threw. */
async function optionsInProcess(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const run = await commandInProcess(addOptionsCommand, 'options', ...args);
  if (run.error !== '') throw new Error(run.error);
  return run;
}

/** Rows of a CSV text as objects keyed by header name. */
function parse(text: string): Record<string, string>[] {
  const [header, ...rows] = text
    .trim()
    .split('\n')
    .map((line) => line.split(','));
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

describe('bourse options', () => {
  it('price: appends price and Greeks with the default models', async () => {
    const run = await optionsInProcess('price', '--input', INPUT);
    const [header] = run.stdout.split('\n');
    assert.equal(header, `id,type,style,spot,strike,rate,dividend,vol,time,${GREEKS.join(',')}`);
    const rows = Object.fromEntries(parse(run.stdout).map((row) => [row.id, row]));
    // Longstaff & Schwartz (2001) Table 1: American put S 36, K 40, r 6 %, σ 20 %, T 1 → 4.478 (FD, 3 dp).
    assert.ok(Math.abs(Number(rows['ls-36'].price) - 4.478) < 0.01);
    // Hull, Options, Futures, and Other Derivatives, 10th ed.: Example 15.6 European call S 42, K 40,
    // r 10 %, σ 20 %, T 0.5 → 4.76; §21.1 (control variate) European put S = K = 50, r 10 %, σ 40 %,
    // T 5 months → 4.08 by Black–Scholes–Merton.
    assert.ok(Math.abs(Number(rows['hull-call'].price) - 4.76) < 0.005);
    assert.ok(Math.abs(Number(rows['hull-euro'].price) - 4.08) < 0.005);
    assert.ok(Number(rows['ls-36'].delta) < -0.5 && Number(rows['ls-36'].gamma) > 0);
  });

  it('price --model lr and --model crr agree with the default; --model baw refuses European rows', async () => {
    const base = parse((await optionsInProcess('price', '--input', INPUT)).stdout);
    for (const model of ['lr', 'crr']) {
      parse((await optionsInProcess('price', '--input', INPUT, '--model', model)).stdout).forEach(
        (row, i) => {
          assert.ok(Math.abs(Number(row.price) - Number(base[i].price)) < 2e-3, `${model} ${row.id}`);
        },
      );
    }
    await assert.rejects(
      optionsInProcess('price', '--input', INPUT, '--model', 'baw'),
      /american-puts\.csv:4: model 'baw' prices american options only/,
    );
  });

  it('iv: round-trips the priced file back to its vols, warning on a price with none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-options-'));
    const priced = join(dir, 'priced.csv');
    await optionsInProcess('price', '--input', INPUT, '--output', priced);
    const text = readFileSync(priced, 'utf8').replace(/,vol,/, ',givenvol,');
    writeFileSync(priced, `${text}bad,put,european,30,40,0.05,0,0.2,1,5,0,0,0,0,0\n`);
    const run = await optionsInProcess('iv', '--input', priced);
    const rows = parse(run.stdout);
    for (const row of rows.slice(0, -1)) {
      assert.ok(Math.abs(Number(row.iv) - Number(row.givenvol)) < 1e-6, `${row.id}: ${row.iv}`);
    }
    assert.equal(rows.at(-1)?.iv, '');
    assert.match(run.stderr, /priced\.csv:7: no implied volatility \(below-intrinsic\)/);
  });

  it('a malformed row exits 2 naming file, line and column (real CLI)', () => {
    const run = bourse('options', 'price', '--input', 'test/fixtures/options/bad-row.csv');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad-row\.csv:3, field 'spot', value 'abc': expected a finite number/);
    assert.equal(run.stdout, '');
  });
});
