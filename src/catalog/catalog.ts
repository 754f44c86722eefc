/**
 * A data catalog: Parquet files under one directory (layout in layout.ts), queried with DuckDB.
 *
 * Guarantees:
 * - a part file is written under a temp name and renamed when complete: readers never see half a
 *   file, and existing files are never rewritten;
 * - each series is stored in time order: an append must start strictly after the series' last
 *   stored `tsEvent`. Rows at or before it are refused (`CatalogOverlapError`, nothing written) or,
 *   with `onOverlap: 'skip'`, dropped (re-importing a file only adds what is new). Ticks sharing a
 *   microsecond must therefore arrive in one append;
 * - a query returns rows in stored order: by `tsEvent`, ties in append order.
 * An append spanning several dates writes one part per date; a crash between two leaves the earlier
 * parts complete, and the same append with `onOverlap: 'skip'` finishes it. One writer at a time.
 */
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { BourseError, DataError } from '../core/errors.js';
import {
  type Bar,
  BarType,
  type BookLevelUpdate,
  type OrderBookEvent,
  type QuoteTick,
  type TradeTick,
} from '../model/data.js';
import type { InstrumentId } from '../model/identifiers.js';
import type { Instrument } from '../model/instruments.js';
import { isoFromMicros, MICROS_PER_DAY, type UnixMicros } from '../model/time.js';
import {
  openDuck,
  partsInRange,
  queryRows,
  readFooters,
  streamColumnsInWindows,
  streamColumnsOneQuery,
  writeParquet,
} from './duck.js';
import { FooterCache } from './footer-cache.js';
import { instrumentIds, loadInstrument, saveInstrument } from './instruments.js';
import {
  listAllParts,
  listParts,
  listSeries,
  type PartFile,
  partName,
  removeTempFiles,
  seriesDir,
  sqlString,
  tempName,
  utcDate,
} from './layout.js';
import { nativeReaderStatus } from './native-reader.js';
import {
  type CatalogCompression,
  type CatalogDataType,
  type CatalogRecord,
  CHUNK_ROWS,
  COLUMNS,
  type ColumnChunk,
  decoderFor,
  fieldName,
  numericColumns,
  RECORD_KINDS,
  type StoredRecord,
  seriesOf,
  sliceChunk,
} from './schema.js';

export type OverlapPolicy = 'error' | 'skip';

export interface AppendOptions {
  /** Rows at or before the series' last stored time: refuse the append (default) or drop them. */
  readonly onOverlap?: OverlapPolicy;
}

export interface AppendResult {
  readonly type: CatalogDataType;
  readonly series: string;
  readonly written: number;
  readonly skipped: number;
  readonly files: readonly string[];
}

export interface PartitionInfo extends PartFile {
  readonly instrumentId: InstrumentId;
  readonly rows: number;
  readonly first: UnixMicros;
  readonly last: UnixMicros;
}

/** [from, to): from inclusive, to exclusive, both optional. */
export interface TimeRange {
  readonly from?: UnixMicros;
  readonly to?: UnixMicros;
}

/**
 * How queries read part files: `stream` (the default) runs one streaming query that DuckDB fills
 * up to 64 MB ahead of the reader; `windows` materialises row-group windows, two at a time. Their
 * throughput is within noise of each other on node-svc; `stream` takes ~10–15 % less CPU and less
 * memory (DuckDB frees a window's result only when V8 collects it, so `windows` settles higher).
 */
export type CatalogReadMode = 'stream' | 'windows';
export const CATALOG_READ_MODES: readonly CatalogReadMode[] = ['stream', 'windows'];

export interface CatalogOptions {
  /** Compression of the part files this catalog writes (default `zstd`). */
  readonly compression?: CatalogCompression;
  /** How queries read the part files (default `stream`). */
  readonly readMode?: CatalogReadMode;
  /**
   * Whether streaming reads use the native batch reader (default: when it was built; `true` when it
   * was not is an error). `false` takes the JavaScript path, chunk by chunk.
   */
  readonly nativeReader?: boolean;
}

/**
 * One batch of a columnar query: `rows` values per column, named by kernel field (`tsEvent`,
 * `tsInit`, `price`, `bidSize`, `priceTicks`, `sequence`…). Times, sequences, prices and sizes are
 * doubles (NaN where a sequence is null); codes (`aggressor` 0 none / 1 buyer / 2 seller, the
 * book's `action`, `side`, `flags` as ASCII or bit codes, and the levels' `side` 66 B bid / 65 A ask
 * and `flags`) are bytes. The arrays are the batch's own (the columns of a native batch are views
 * of one buffer), unless the query asked for `reuse`: then they are valid until the next batch.
 */
export interface ColumnBatch {
  readonly rows: number;
  readonly columns: Readonly<Record<string, Float64Array | Uint8Array>>;
  /** Trades only: the trade id of row `i`. */
  readonly tradeId?: (i: number) => string;
}

export class CatalogOverlapError extends BourseError {
  constructor(message: string) {
    super('CATALOG_OVERLAP', message);
  }
}

export class Catalog {
  private constructor(
    readonly dir: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** Temp files of interrupted writes removed when opening. */
    readonly removedTempFiles: readonly string[],
    readonly compression: CatalogCompression,
    readonly readMode: CatalogReadMode,
    /** Whether streaming reads go through the native batch reader (`native-reader.ts`). */
    readonly nativeReads: boolean,
  ) {}

  /** The footers of the part files queries have read (part files do not change once written). */
  private readonly footers = new FooterCache(readFooters);

  /** Opens (creating it if needed) the catalog in `dir`, deleting leftovers of interrupted writes. */
  static async open(dir: string, options: CatalogOptions = {}): Promise<Catalog> {
    const native = nativeReaderStatus();
    if (options.nativeReader && !native.available)
      throw new Error(`nativeReader: the native catalog reader is not available (${native.reason})`);
    mkdirSync(dir, { recursive: true });
    const removed = removeTempFiles(dir);
    const { instance, connection } = await openDuck();
    return new Catalog(
      dir,
      instance,
      connection,
      removed,
      options.compression ?? 'zstd',
      options.readMode ?? 'stream',
      options.nativeReader ?? native.available,
    );
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  // ------------------------------------------------------------------ instruments

  saveInstrument(instrument: Instrument): void {
    saveInstrument(this.dir, instrument);
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return loadInstrument(this.dir, id);
  }

  instrumentIds(): InstrumentId[] {
    return instrumentIds(this.dir);
  }

  // ------------------------------------------------------------------ append

  appendBars(bars: readonly Bar[], options?: AppendOptions): Promise<AppendResult> {
    return this.append('bars', bars, options);
  }

  appendTrades(trades: readonly TradeTick[], options?: AppendOptions): Promise<AppendResult> {
    return this.append('trades', trades, options);
  }

  appendQuotes(quotes: readonly QuoteTick[], options?: AppendOptions): Promise<AppendResult> {
    return this.append('quotes', quotes, options);
  }

  /** L3 (MBO) events of one instrument; several events may share a time (one matching batch). */
  appendBook(events: readonly OrderBookEvent[], options?: AppendOptions): Promise<AppendResult> {
    return this.append('book', events, options);
  }

  /** L2 (MBP) level updates of one instrument; several may share a time (one batch). */
  appendLevels(updates: readonly BookLevelUpdate[], options?: AppendOptions): Promise<AppendResult> {
    return this.append('levels', updates, options);
  }

  /** Appends rows of one series, sorted by `tsEvent` (bars: strictly increasing). */
  async append<T extends CatalogDataType>(
    type: T,
    rows: readonly CatalogRecord<T>[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    if (rows.length === 0) return { type, series: '', written: 0, skipped: 0, files: [] };
    const series = seriesOf(rows[0]);
    checkRows(type, series, rows);
    const last = await this.lastTime(type, series);
    let start = 0;
    if (last !== undefined && rows[0].tsEvent <= last) {
      if ((options.onOverlap ?? 'error') === 'error') {
        throw new CatalogOverlapError(
          `${type} ${series}: the catalog holds data up to ${isoFromMicros(last)} and this append starts at ${isoFromMicros(rows[0].tsEvent)}; appends must start after the last stored time (skip the overlap with --on-overlap skip)`,
        );
      }
      while (start < rows.length && rows[start].tsEvent <= last) start++;
    }
    const files: string[] = [];
    while (start < rows.length) {
      const date = utcDate(rows[start].tsEvent);
      const end = dateEnd(rows, start);
      const folder = join(seriesDir(this.dir, type, series), `date=${date}`);
      mkdirSync(folder, { recursive: true });
      const final = join(folder, partName(nextPart(folder)));
      const temp = join(folder, tempName(partName(nextPart(folder))));
      try {
        await writeParquet(this.connection, type, rows, start, end, temp, this.compression);
        renameSync(temp, final);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
      files.push(final);
      start = end;
    }
    const written = files.length === 0 ? 0 : rows.length - firstKept(rows, last);
    return { type, series, written, skipped: rows.length - written, files };
  }

  /** The last stored `tsEvent` of a series (undefined when empty). */
  async lastTime(type: CatalogDataType, series: string): Promise<UnixMicros | undefined> {
    const parts = listParts(this.dir, type, series);
    if (parts.length === 0) return undefined;
    const rows = await queryRows(
      this.connection,
      `SELECT max(ts_event)::DOUBLE FROM read_parquet(${sqlString(parts[parts.length - 1].path)})`,
    );
    const value = rows[0]?.[0];
    return typeof value === 'number' ? value : undefined;
  }

  // ------------------------------------------------------------------ list

  /** Series of a data type (bar type keys for bars, instrument ids otherwise). */
  series(type: CatalogDataType): string[] {
    return listSeries(this.dir, type);
  }

  /** Bar types stored for an instrument. */
  barTypes(instrumentId: InstrumentId): BarType[] {
    return this.series('bars')
      .map((s) => BarType.parse(s))
      .filter((t) => t.instrumentId === instrumentId);
  }

  /** Every partition (part file) with its row count and first/last `tsEvent`. */
  async partitions(): Promise<PartitionInfo[]> {
    const parts = listAllParts(this.dir);
    if (parts.length === 0) return [];
    const rows = await queryRows(
      this.connection,
      `SELECT filename, count(*)::DOUBLE, min(ts_event)::DOUBLE, max(ts_event)::DOUBLE FROM read_parquet([${parts
        .map((p) => sqlString(p.path))
        .join(', ')}], filename = true) GROUP BY filename`,
    );
    const stats = new Map(rows.map((r) => [r[0] as string, r]));
    return parts.map((p) => {
      const s = stats.get(p.path);
      return {
        ...p,
        instrumentId: p.type === 'bars' ? BarType.parse(p.series).instrumentId : p.series,
        rows: (s?.[1] as number) ?? 0,
        first: (s?.[2] as number) ?? Number.NaN,
        last: (s?.[3] as number) ?? Number.NaN,
      };
    });
  }

  // ------------------------------------------------------------------ query

  /**
   * Rows of one series with `tsEvent` in [from, to), in stored order, as kernel objects in batches
   * of at most 2,048 (memory stays flat whatever the size of the range). Native batches are decoded
   * 2,048 rows at a time: objects of a short batch die young, where those of a 32,768-row batch
   * outlive V8's young-generation collections and are copied to the old space (reads ~40 % slower).
   */
  async *query<T extends CatalogDataType>(
    type: T,
    series: string,
    range: TimeRange = {},
  ): AsyncGenerator<CatalogRecord<T>[]> {
    const decode = decoderFor(type, series);
    // Each batch is decoded into objects before the next is asked for: its arrays may be reused.
    for await (const chunk of this.chunks(type, series, range, true))
      for (let start = 0; start < chunk.rows; start += CHUNK_ROWS)
        yield decode(sliceChunk(chunk, start, start + CHUNK_ROWS)) as CatalogRecord<T>[];
  }

  /**
   * The same rows as `query`, as columns rather than objects: the fast path for research and
   * analytics code that reads whole fields (no object per row is built). Batches hold up to
   * `READ_BATCH_ROWS` rows with the native reader, 2,048 otherwise. With `reuse`, a consumer that
   * is done with a batch when it asks for the next lets the reader write into its arrays again
   * (a batch is then valid only until the next is asked for; fewer bytes for V8 to collect).
   */
  async *queryColumns(
    type: CatalogDataType,
    series: string,
    range: TimeRange = {},
    options: { readonly reuse?: boolean } = {},
  ): AsyncGenerator<ColumnBatch> {
    const names = numericColumns(type).map((c) => fieldName(c.name));
    const seq = names.indexOf('sequence');
    for await (const chunk of this.chunks(type, series, range, options.reuse ?? false)) {
      const columns: Record<string, Float64Array | Uint8Array> = {};
      for (let j = 0; j < names.length; j++) columns[names[j]] = chunk.cols[j];
      if (type !== 'trades') {
        yield { rows: chunk.rows, columns };
        continue;
      }
      const { ids } = chunk;
      const sequence = chunk.cols[seq];
      // A missing id is the sequence as text (see encodeChunk).
      yield { rows: chunk.rows, columns, tradeId: (i) => ids?.[i] ?? String(sequence[i]) };
    }
  }

  /** How many rows of one series have `tsEvent` in [from, to) (from the files' metadata when unbounded). */
  async count(type: CatalogDataType, series: string, range: TimeRange = {}): Promise<number> {
    const { files, from, to } = this.select(type, series, range);
    if (files.length === 0) return 0;
    const rows = await queryRows(
      this.connection,
      `SELECT count(*)::DOUBLE FROM ${partsInRange(files, from, to)}`,
    );
    return rows[0][0] as number;
  }

  private chunks(
    type: CatalogDataType,
    series: string,
    range: TimeRange,
    reuse: boolean,
  ): AsyncGenerator<ColumnChunk> {
    const { files, from, to } = this.select(type, series, range);
    return this.readMode === 'stream'
      ? streamColumnsOneQuery(this.instance, type, files, from, to, {
          native: this.nativeReads,
          reuse,
          footersOf: this.footers.footers,
        })
      : streamColumnsInWindows(this.instance, type, files, from, to, this.footers.footers);
  }

  /** The part files that may hold rows of [from, to) (by their date), and the bounds. */
  private select(
    type: CatalogDataType,
    series: string,
    range: TimeRange,
  ): { files: string[]; from: number; to: number } {
    const from = range.from ?? Number.NEGATIVE_INFINITY;
    const to = range.to ?? Number.POSITIVE_INFINITY;
    if (!(from < to)) return { files: [], from, to };
    const firstDate = Number.isFinite(from) ? utcDate(from) : '';
    const lastDate = Number.isFinite(to) ? utcDate(Math.ceil(to) - 1) : '9999';
    const files = listParts(this.dir, type, series)
      .filter((p) => p.date >= firstDate && p.date <= lastDate)
      .map((p) => p.path);
    return { files, from, to };
  }

  queryBars(barType: BarType | string, range?: TimeRange): AsyncGenerator<Bar[]> {
    return this.query('bars', typeof barType === 'string' ? barType : barType.key, range);
  }

  queryTrades(instrumentId: InstrumentId, range?: TimeRange): AsyncGenerator<TradeTick[]> {
    return this.query('trades', instrumentId, range);
  }

  queryQuotes(instrumentId: InstrumentId, range?: TimeRange): AsyncGenerator<QuoteTick[]> {
    return this.query('quotes', instrumentId, range);
  }

  queryBook(instrumentId: InstrumentId, range?: TimeRange): AsyncGenerator<OrderBookEvent[]> {
    return this.query('book', instrumentId, range);
  }

  queryLevels(instrumentId: InstrumentId, range?: TimeRange): AsyncGenerator<BookLevelUpdate[]> {
    return this.query('levels', instrumentId, range);
  }

  // ------------------------------------------------------------------ export

  /**
   * Writes a series' rows in [from, to) to a CSV file (temp name, then renamed): `time` (ISO UTC of
   * tsEvent), then the stored columns (times in integer micros). Returns the row count.
   */
  async exportCsv(type: CatalogDataType, series: string, range: TimeRange, out: string): Promise<number> {
    mkdirSync(dirname(out), { recursive: true });
    const temp = join(dirname(out), tempName(out.split(/[\\/]/).pop() ?? 'export.csv'));
    const fd = openSync(temp, 'w');
    let count = 0;
    try {
      writeSync(fd, `time,${COLUMNS[type].map((c) => c.name).join(',')}\n`);
      for await (const batch of this.query(type, series, range)) {
        let text = '';
        for (const r of batch) text += `${csvRow(r)}\n`;
        writeSync(fd, text);
        count += batch.length;
      }
      closeSync(fd);
      renameSync(temp, out);
    } catch (error) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw error;
    }
    return count;
  }
}

function csvRow(r: StoredRecord): string {
  const head = `${isoFromMicros(r.tsEvent)},${r.tsEvent},${r.tsInit}`;
  const seq = r.sequence ?? '';
  if (r.kind === 'bar') return `${head},${r.open},${r.high},${r.low},${r.close},${r.volume},${seq}`;
  if (r.kind === 'trade') {
    const id = /[",\n]/.test(r.tradeId) ? `"${r.tradeId.replaceAll('"', '""')}"` : r.tradeId;
    return `${head},${r.price},${r.size},${r.aggressor},${seq},${id}`;
  }
  if (r.kind === 'book')
    return `${head},${r.action},${r.side},${r.priceTicks},${r.size},${r.orderId},${r.flags},${seq}`;
  if (r.kind === 'book-level') return `${head},${r.side},${r.priceTicks},${r.size},${r.flags},${seq}`;
  return `${head},${r.bidPrice},${r.askPrice},${r.bidSize},${r.askSize},${seq}`;
}

/** Next part number in a date folder (one past the highest, temp files ignored). */
function nextPart(folder: string): number {
  let max = -1;
  for (const name of readdirSync(folder)) {
    const m = /^part-(\d+)\.parquet$/.exec(name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** One past the last row on the UTC date of `rows[start]` (rows are sorted: binary search). */
function dateEnd(rows: readonly { tsEvent: number }[], start: number): number {
  const day = Math.floor(rows[start].tsEvent / MICROS_PER_DAY);
  let lo = start + 1;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.floor(rows[mid].tsEvent / MICROS_PER_DAY) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstKept(rows: readonly { tsEvent: number }[], last: number | undefined): number {
  if (last === undefined) return 0;
  let i = 0;
  while (i < rows.length && rows[i].tsEvent <= last) i++;
  return i;
}

function checkRows(type: CatalogDataType, series: string, rows: readonly StoredRecord[]): void {
  const kind = RECORD_KINDS[type];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.kind !== kind) throw new DataError(`${type}: row ${i} is a ${r.kind}, not a ${kind}`);
    if (seriesOf(r) !== series) {
      throw new DataError(`${type}: one append holds one series; row ${i} is ${seriesOf(r)}, not ${series}`);
    }
    if (!Number.isSafeInteger(r.tsEvent) || !Number.isSafeInteger(r.tsInit)) {
      throw new DataError(`${type} ${series}: row ${i}: times must be integer micros`);
    }
    if (r.sequence !== undefined && !Number.isSafeInteger(r.sequence)) {
      throw new DataError(`${type} ${series}: row ${i}: sequence must be an integer`);
    }
    if (r.tsEvent < previous || (type === 'bars' && r.tsEvent === previous)) {
      throw new DataError(
        `${type} ${series}: rows must be sorted by time${type === 'bars' ? ' (one bar per time)' : ''}; row ${i} at ${isoFromMicros(r.tsEvent)} follows ${isoFromMicros(previous)}`,
      );
    }
    previous = r.tsEvent;
  }
}
