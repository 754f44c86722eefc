import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { IbGatewaySimulator } from '../../src/adapters/ib/sim/gateway-sim.js';
import { loadFileSeries } from '../../src/backtest/run-file.js';
import { Catalog } from '../../src/catalog/index.js';
import { addIbGatewaySimCommand, catalogSimData, loadSimData } from '../../src/cli/ib-gateway-sim-command.js';
import type { MarketData } from '../../src/model/data.js';

async function all(source: Iterable<MarketData> | AsyncIterable<MarketData>): Promise<MarketData[]> {
  const out: MarketData[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('bourse ib-gateway-sim --data --format', () => {
  it('replays a Databento trades file (streamed) into the simulator', async () => {
    const file = 'test/fixtures/databento/esu4-trades.csv';
    const expected = await all((await loadSimData(file, 'databento-trades', 'ESU4.CME')).data);
    assert.ok(
      expected.length > 5 && expected.every((t) => t.kind === 'trade' && t.instrumentId === 'ESU4.CME'),
    );
    const sim = new IbGatewaySimulator({
      data: (await loadSimData(file, 'databento-trades', 'ESU4.CME')).data,
    });
    await sim.start();
    try {
      const replayed = await sim.replay.step(1_000_000);
      assert.deepEqual(replayed, expected);
      assert.equal(sim.replay.done, true);
    } finally {
      await sim.stop();
    }
  });

  it('reads MBO (as book events) and MBP-1 (quotes and trades) files', async () => {
    const mbo = await all(
      (await loadSimData('data/esh4-mbo-20231225.csv.gz', 'databento-mbo', 'ESH4.CME')).data,
    );
    assert.ok(mbo.length > 100 && mbo.every((e) => e.kind === 'book'));
    const mbp = await all(
      (await loadSimData('test/fixtures/databento/esu4-mbp-1-head200.csv', 'databento-mbp1', 'ESU4.CME'))
        .data,
    );
    assert.deepEqual([...new Set(mbp.map((x) => x.kind))].sort(), ['quote', 'trade']);
  });

  it('keeps bar files as the default format and names --series when a tick format lacks it', async () => {
    const { data, what } = await loadSimData('data/es-minute-trade-bars-2013-2020.csv', 'bars', 'ESZ3');
    assert.match(what, /^\d+ bars$/);
    assert.equal((data as MarketData[])[0].kind, 'bar');
    await assert.rejects(
      loadSimData('test/fixtures/databento/esu4-trades.csv', 'databento-trades', undefined),
      /--series: the instrument id \(e\.g\. ESH4\.CME\) is needed for --format databento-trades/,
    );
  });

  it('--catalog replays the bars of one instrument and range from a data catalog, streamed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-sim-catalog-'));
    try {
      const { series } = loadFileSeries({ file: 'data/es-minute-trade-bars-2013-2020.csv', series: 'ESZ3' });
      const catalog = await Catalog.open(dir);
      catalog.saveInstrument(series.instrument);
      await catalog.appendBars(series.bars.slice(0, 600));
      catalog.close();
      const from = new Date(series.bars[100].tsEvent / 1000).toISOString();
      const to = new Date(series.bars[400].tsEvent / 1000).toISOString();
      const replay = await catalogSimData({ catalog: dir, instrument: 'ESZ3.CME', from, to });
      try {
        assert.match(replay.what, /^300 ESZ3\.CME-1-MINUTE-LAST bars from the catalog$/);
        const sim = new IbGatewaySimulator({ data: replay.data });
        await sim.start();
        try {
          const replayed = await sim.replay.step(1_000);
          assert.deepEqual(
            replayed.map((b) => b.tsEvent),
            series.bars
              .filter((b) => b.tsEvent >= series.bars[100].tsEvent && b.tsEvent < series.bars[400].tsEvent)
              .map((b) => b.tsEvent),
          );
        } finally {
          await sim.stop();
        }
      } finally {
        replay.close();
      }
      await assert.rejects(catalogSimData({ catalog: dir }), /--catalog needs --instrument <id>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has --format (default bars) and --no-pacing (pacing on by default)', () => {
    const command = addIbGatewaySimCommand(new Command());
    command.parseOptions([]);
    assert.deepEqual([command.opts().format, command.opts().pacing], ['bars', true]);
    command.parseOptions(['--no-pacing', '--format', 'databento-mbo']);
    assert.deepEqual([command.opts().format, command.opts().pacing], ['databento-mbo', false]);
  });
});
