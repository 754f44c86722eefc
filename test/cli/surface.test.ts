import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bourse } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-surface-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('bourse surface fit', () => {
  it('fits the ES chain: JSON per expiry and a report with an SVG chart per expiry', () => {
    const report = join(dir, 'es.html');
    const run = bourse(
      'surface',
      'fit',
      '--input',
      'data/options/es_fop_quote_snapshot_2020-01-06T1500Z.csv',
      '--format',
      'es-fop',
      '--json',
      '--report',
      report,
    );
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(
      out.expiries.map((e: { expiry: string; quotesUsed: number; quotesOffered: number }) => [
        e.expiry,
        e.quotesUsed,
        e.quotesOffered,
      ]),
      [
        ['2020-03-20', 52, 96],
        ['2020-06-19', 61, 107],
      ],
    );
    for (const e of out.expiries) {
      assert.equal(e.svi.butterfly.arbitrageFree, true);
      assert.ok(e.svi.rmseVolPoints < 0.1);
      assert.equal(typeof e.sabr.parameters.alpha, 'number');
    }
    const html = readFileSync(report, 'utf8');
    assert.equal(html.match(/<svg class="chart smile"/g)?.length, 2);
    assert.match(html, /implied volatility \(%\)/);
    assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3)/);
  });

  it('fits the SPX chain with SVI only (standard expiries, parity forwards)', () => {
    const run = bourse(
      'surface',
      'fit',
      '--input',
      'data/options/SPX-Options-24jan2011.csv',
      '--format',
      'cboe',
      '--model',
      'svi',
      '--json',
    );
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.expiries.length, 10);
    assert.ok(
      out.expiries.every(
        (e: { svi: { butterfly: { arbitrageFree: boolean } }; sabr?: unknown }) =>
          e.svi.butterfly.arbitrageFree && e.sabr === undefined,
      ),
    );
    assert.equal(out.expiries[0].forwardSource, 'put-call parity');
  });
});
