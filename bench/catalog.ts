/**
 * `bench:data` section `catalog`: synthetic ES-like trades (quarter-point walk, ids = sequence as
 * Databento writes them) appended to a temp catalog over 5 UTC dates, then queried back whole:
 * - `readRowsPerSecond`: a scan, `queryColumns(…, { reuse: true })` through the native batch
 *   reader (`nativeReader` says whether it was built): batches valid until the next is asked for,
 *   as a scan, a backtest feed or a resample consumes them;
 * - `readKeptRowsPerSecond`: the same with fresh arrays for every batch (the default, for a caller
 *   that keeps batches): V8 collects every byte read;
 * - `readJsRowsPerSecond`: the same streaming query read chunk by chunk in JavaScript
 *   (`nativeReader: false`, the named alternative; `nativeOverJs` = kept / JavaScript, like for like);
 * - `readWindowsRowsPerSecond`: row-group windows (`readMode: 'windows'`; `windowsOverStream` =
 *   windows / kept);
 * - `readObjectsPerSecond`: `TradeTick` batches (`query`).
 * The same for 1-second bars (`Bar`, ~35 UTC dates). The trades run twice, with the default zstd
 * files and with lz4 (the named alternative, `lz4`). Rows per second for each, median of `runs`;
 * RSS peak while reading. `readTargetMet` is the scan's, `readKeptTargetMet` the kept batches'.
 *
 * The write runs come before the read runs: the objects a query builds have the same shape as the
 * input objects but wider field representations (doubles where the input holds small integers), so
 * V8 deprecates the shared map and migrates every input object the next time it is touched — a
 * one-off ~2 s for 3 M objects that would land in the next write run and measures V8, not the catalog.
 * The input is released (and collected: the script runs with --expose-gc) before the reads:
 * kept, its 3 M objects were marked again by each full collection that the reads' buffers
 * trigger, 1.0–1.4 s a time inside read runs on node-svc. `rssBeforeMiB` is the RSS before the
 * input is built, `readRssPeakMiB` the peak while reading (sampled every ~1 M rows).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Catalog,
  type CatalogCompression,
  type CatalogDataType,
  nativeReaderStatus,
} from '../src/catalog/index.js';
import type { TradeTick } from '../src/model/data.js';
import { type Bar, BarType } from '../src/model/data.js';
import { MICROS_PER_DAY } from '../src/model/time.js';
import { median, rates } from './stats.js';

function syntheticTrades(rowCount: number): TradeTick[] {
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
  return trades;
}

const BAR_TYPE = BarType.parse('ESH4.CME-1-SECOND-LAST');

function syntheticBars(rowCount: number): Bar[] {
  const start = Date.UTC(2024, 1, 5) * 1000;
  const bars: Bar[] = new Array(rowCount);
  let ticks = 19_000;
  for (let i = 0; i < rowCount; i++) {
    const u = (i * 2654435761) % 8;
    if (u === 0) ticks--;
    else if (u === 1) ticks++;
    const ts = start + i * 1_000_000;
    bars[i] = {
      kind: 'bar',
      barType: BAR_TYPE,
      open: ticks * 0.25,
      high: (ticks + 2) * 0.25,
      low: (ticks - 1) * 0.25,
      close: (ticks + 1) * 0.25,
      volume: 1 + (i % 50),
      tsEvent: ts,
      tsInit: ts,
    };
  }
  return bars;
}

interface Measured {
  write: number[];
  /** The scan: native batches in two sets of arrays taking turns (`queryColumns(…, { reuse: true })`). */
  read: number[];
  /** Native batches in fresh arrays (`queryColumns`' default). */
  readKept: number[];
  /** Columns read with `readMode: 'windows'` (row-group windows), the alternative. */
  readWindows: number[];
  /** Columns read by the same streaming query chunk by chunk in JavaScript (`nativeReader: false`). */
  readJs: number[];
  readObjects: number[];
  files: number;
  readRssPeak: number;
  ok: boolean;
}

async function measure<T extends { tsEvent: number }>(
  make: () => T[],
  runs: number,
  append: (c: Catalog, rows: readonly T[]) => Promise<{ files: readonly string[] }>,
  query: (c: Catalog) => AsyncIterable<T[]>,
  columns: { type: CatalogDataType; series: string },
  compression: CatalogCompression = 'zstd',
): Promise<Measured> {
  const out: Measured = {
    write: [],
    read: [],
    readKept: [],
    readWindows: [],
    readJs: [],
    readObjects: [],
    files: 0,
    readRssPeak: 0,
    ok: true,
  };
  const dirs: string[] = [];
  let rows: T[] | undefined = make();
  const rowCount = rows.length;
  try {
    for (let r = 0; r < runs; r++) {
      const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-catalog-'));
      dirs.push(dir);
      const catalog = await Catalog.open(dir, { compression });
      try {
        const t = performance.now();
        const result = await append(catalog, rows);
        out.write.push(rowCount / ((performance.now() - t) / 1000));
        out.files = result.files.length;
      } finally {
        catalog.close();
      }
    }
    // The input goes before the reads: alive, its millions of objects are marked again by every
    // full collection that the reads' column buffers trigger (1.0–1.4 s each on node-svc).
    rows = undefined;
    (globalThis as { gc?: () => void }).gc?.();
    for (const dir of dirs) {
      const windows = await Catalog.open(dir, { readMode: 'windows' });
      const js = await Catalog.open(dir, { nativeReader: false });
      const catalog = await Catalog.open(dir);
      try {
        // Rows and the sum of every tsEvent, in row order: the check that every read saw the same
        // rows whatever its batch sizes (and a consumer that touches each row, as a real one does).
        const timedRead = async <B>(
          batches: AsyncIterable<B>,
          rowsOf: (batch: B) => number,
          tsSum: (batch: B, rows: number, sum: number) => number,
          rates: number[],
        ): Promise<{ rows: number; sum: number }> => {
          const t = performance.now();
          let rows = 0;
          let sum = 0;
          for await (const batch of batches) {
            const n = rowsOf(batch);
            rows += n;
            sum = tsSum(batch, n, sum);
            if ((rows & 0xfffff) < n) out.readRssPeak = Math.max(out.readRssPeak, process.memoryUsage().rss);
          }
          rates.push(rows / ((performance.now() - t) / 1000));
          return { rows, sum };
        };
        const readColumns = (from: Catalog, rates: number[], reuse = false) =>
          timedRead(
            from.queryColumns(columns.type, columns.series, {}, { reuse }),
            (b) => b.rows,
            (b, n, sum) => {
              const ts = b.columns.tsEvent;
              for (let i = 0; i < n; i++) sum += ts[i];
              return sum;
            },
            rates,
          );
        const windowed = await readColumns(windows, out.readWindows);
        const chunked = await readColumns(js, out.readJs);
        const streamed = await readColumns(catalog, out.readKept);
        const reused = await readColumns(catalog, out.read, true);
        const objects = await timedRead(
          query(catalog),
          (b) => b.length,
          (b, n, sum) => {
            for (let i = 0; i < n; i++) sum += b[i].tsEvent;
            return sum;
          },
          out.readObjects,
        );
        out.ok &&=
          windowed.rows === streamed.rows &&
          windowed.sum === streamed.sum &&
          chunked.rows === streamed.rows &&
          chunked.sum === streamed.sum &&
          reused.rows === streamed.rows &&
          reused.sum === streamed.sum &&
          objects.rows === rowCount &&
          streamed.rows === objects.rows &&
          objects.sum === streamed.sum &&
          objects.sum > 0;
      } finally {
        catalog.close();
        js.close();
        windows.close();
      }
    }
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export async function catalogSection(rowCount: number, runs: number): Promise<Record<string, unknown>> {
  const rssBefore = process.memoryUsage().rss;
  const tradeSeries = { type: 'trades', series: 'ESH4.CME' } as const;
  const measureTrades = (compression: CatalogCompression) =>
    measure(
      () => syntheticTrades(rowCount),
      runs,
      (c, rows) => c.appendTrades(rows),
      (c) => c.queryTrades('ESH4.CME'),
      tradeSeries,
      compression,
    );
  const t = await measureTrades('zstd');
  const lz4 = await measureTrades('lz4');
  const b = await measure(
    () => syntheticBars(rowCount),
    runs,
    (c, rows) => c.appendBars(rows),
    (c) => c.queryBars(BAR_TYPE),
    { type: 'bars', series: BAR_TYPE.key },
  );
  const figures = (m: Measured) => ({
    writeRowsPerSecond: rates(m.write),
    readRowsPerSecond: rates(m.read),
    readKeptRowsPerSecond: rates(m.readKept),
    readJsRowsPerSecond: rates(m.readJs),
    nativeOverJs: +(median(m.readKept) / median(m.readJs)).toFixed(2),
    readWindowsRowsPerSecond: rates(m.readWindows),
    windowsOverStream: +(median(m.readWindows) / median(m.readKept)).toFixed(2),
    readObjectsPerSecond: rates(m.readObjects),
  });
  return {
    rows: rowCount,
    nativeReader: nativeReaderStatus().available,
    files: t.files,
    compression: 'zstd',
    ...figures(t),
    lz4: figures(lz4),
    bars: { files: b.files, ...figures(b) },
    rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
    readRssPeakMiB: Math.round(Math.max(t.readRssPeak, lz4.readRssPeak, b.readRssPeak) / 2 ** 20),
    targets: { write: 2_000_000, read: 10_000_000 },
    writeTargetMet: median(t.write) >= 2_000_000 && median(b.write) >= 2_000_000,
    readTargetMet: median(t.read) >= 10_000_000 && median(b.read) >= 10_000_000,
    readKeptTargetMet: median(t.readKept) >= 10_000_000 && median(b.readKept) >= 10_000_000,
    roundTrip: t.ok && lz4.ok && b.ok,
  };
}
