/**
 * `bench:data` section `catalog`: synthetic ES-like trades (quarter-point walk, ids = sequence as
 * Databento writes them) appended to a temp catalog over 5 UTC dates, then queried back whole as
 * `TradeTick` batches. Rows per second for each, median of `runs`; RSS peak while reading.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../src/catalog/index.js';
import type { TradeTick } from '../src/model/data.js';
import { MICROS_PER_DAY } from '../src/model/time.js';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function catalogSection(rowCount: number, runs: number): Promise<Record<string, unknown>> {
  const start = Date.UTC(2024, 1, 5) * 1000;
  const gap = Math.floor((5 * MICROS_PER_DAY) / rowCount);
  const trades: TradeTick[] = new Array(rowCount);
  let ticks = 19_000;
  for (let i = 0; i < rowCount; i++) {
    const u = (i * 2654435761) % 8;
    if (u === 0) ticks--;
    else if (u === 1) ticks++;
    const ts = start + i * gap;
    trades[i] = {
      kind: 'trade',
      instrumentId: 'ESH4.CME',
      price: ticks * 0.25,
      size: 1 + (i % 7),
      aggressor: i % 2 === 0 ? 'buyer' : 'seller',
      tradeId: String(i),
      tsEvent: ts,
      tsInit: ts + 3,
      sequence: i,
    };
  }
  const writeRates: number[] = [];
  const readRates: number[] = [];
  let readRssPeak = 0;
  let files = 0;
  let ok = true;
  const rssBefore = process.memoryUsage().rss;
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-catalog-'));
    const catalog = await Catalog.open(dir);
    try {
      let t = performance.now();
      const result = await catalog.appendTrades(trades);
      writeRates.push(rowCount / ((performance.now() - t) / 1000));
      files = result.files.length;
      t = performance.now();
      let n = 0;
      let checksum = 0;
      for await (const batch of catalog.queryTrades('ESH4.CME')) {
        n += batch.length;
        checksum += batch[batch.length - 1].price;
        if ((n & 0xfffff) < batch.length) readRssPeak = Math.max(readRssPeak, process.memoryUsage().rss);
      }
      readRates.push(n / ((performance.now() - t) / 1000));
      ok &&= n === rowCount && checksum > 0;
    } finally {
      catalog.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const w = Math.round(median(writeRates));
  const rd = Math.round(median(readRates));
  return {
    rows: rowCount,
    files,
    writeRowsPerSecond: {
      median: w,
      min: Math.round(Math.min(...writeRates)),
      max: Math.round(Math.max(...writeRates)),
    },
    readRowsPerSecond: {
      median: rd,
      min: Math.round(Math.min(...readRates)),
      max: Math.round(Math.max(...readRates)),
    },
    rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
    readRssPeakMiB: Math.round(readRssPeak / 2 ** 20),
    targets: { write: 2_000_000, read: 10_000_000 },
    writeTargetMet: w >= 2_000_000,
    readTargetMet: rd >= 10_000_000,
    roundTrip: ok,
  };
}
