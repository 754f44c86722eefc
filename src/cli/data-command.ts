/** `bourse data import|list|export`: the Parquet data catalog (src/catalog, docs/data.md "Catalog"). */
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { type AppendResult, Catalog, type CatalogDataType, type OverlapPolicy } from '../catalog/index.js';
import { BourseError } from '../core/errors.js';
import { readBarsCsv } from '../data/csv/index.js';
import { barSeriesFromCsv } from '../data/load-bars.js';
import { streamDatabentoOhlcv, streamDatabentoTrades } from '../data/readers/index.js';
import type { Bar, BarAggregation, TradeTick } from '../model/data.js';
import { BarType } from '../model/data.js';
import { Grid } from '../model/grid.js';
import { FUTURE_SPECS, type Instrument, parseFutureSymbol } from '../model/instruments.js';
import { isoFromMicros, microsFromDate, microsFromIso, type UnixMicros } from '../model/time.js';
import { progressBar } from './progress.js';

const FORMATS = ['bars-csv', 'databento-trades', 'databento-ohlcv'] as const;
type Format = (typeof FORMATS)[number];

interface ImportFlags {
  format: string;
  catalog: string;
  instrument?: string;
  tickSize?: string;
  onOverlap?: string;
}

export function addDataCommand(program: Command): void {
  const data = program.command('data').description('the Parquet data catalog: import, list and export data');
  data
    .command('import <file>')
    .description('import a data file into a catalog (appends; never rewrites existing files)')
    .requiredOption('--format <format>', `file format: ${FORMATS.join(', ')}`)
    .requiredOption('--catalog <dir>', 'catalog directory (created if missing)')
    .option(
      '--instrument <id>',
      'bars-csv: which series (ESZ3.CME, ESZ3 or 201312; default all); databento: the instrument id of every row (e.g. ESZ3.CME; default <symbol>.CME)',
    )
    .option('--tick-size <n>', 'databento: price increment (default: from the built-in futures spec)')
    .option('--on-overlap <policy>', 'rows at or before the stored data: error (default) or skip')
    .action((file: string, flags: ImportFlags) => importCommand(file, flags));
  data
    .command('list')
    .description('list the series of a catalog: rows, partitions, first and last time')
    .requiredOption('--catalog <dir>', 'catalog directory')
    .option('--json', 'print one JSON object with every partition')
    .action((flags: { catalog: string; json?: boolean }) => listCommand(flags));
  data
    .command('export')
    .description('export a series, or the part of it in [--from, --to), to CSV')
    .requiredOption('--catalog <dir>', 'catalog directory')
    .requiredOption('--instrument <id>', 'instrument id, e.g. ESZ3.CME')
    .requiredOption('--out <file.csv>', 'CSV file to write')
    .option('--type <type>', 'bars, trades or quotes', 'bars')
    .option('--bar <spec>', 'bars: which bar type, e.g. 1m, 1h, 1d (default: the only one stored)')
    .option('--from <time>', 'first time (inclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .option('--to <time>', 'end time (exclusive), ISO-8601 or YYYY-MM-DD (UTC)')
    .action((flags: ExportFlags) => exportCommand(flags));
}

function invalid(message: string): never {
  throw new BourseError('CLI_INVALID', message);
}

/** `--from`/`--to`: an ISO-8601 time or a UTC date. */
export function timeFlag(flag: string, text: string | undefined): UnixMicros | undefined {
  if (text === undefined) return undefined;
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? microsFromDate(text.trim()) : microsFromIso(text);
  } catch {
    invalid(`${flag}: expected an ISO-8601 time or YYYY-MM-DD date, got '${text}'`);
  }
}

const BAR_UNITS: Record<string, BarAggregation> = { s: 'second', m: 'minute', h: 'hour', d: 'day' };

/** `--bar 1m` → the bar type of an instrument (last-price bars). */
export function barTypeFlag(instrumentId: string, spec: string): BarType {
  const m = /^(\d+)([smhd])$/.exec(spec.trim());
  if (!m) invalid(`--bar: expected a step and unit like 1m, 5m, 1h or 1d, got '${spec}'`);
  return BarType.of(instrumentId, Number(m[1]), BAR_UNITS[m[2]], 'last');
}

/** Opens an existing catalog (for reading), naming the flag when it is not there. */
export async function openExistingCatalog(dir: string): Promise<Catalog> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) invalid(`--catalog: no catalog directory '${dir}'`);
  return Catalog.open(dir);
}

/** The bar series of an instrument in a catalog: the one `--bar` names, or the only one stored. */
export function chooseBarType(catalog: Catalog, instrumentId: string, bar: string | undefined): BarType {
  const stored = catalog.barTypes(instrumentId);
  if (bar !== undefined) {
    const wanted = barTypeFlag(instrumentId, bar);
    if (!stored.includes(wanted)) {
      invalid(
        `--bar: no ${wanted.key} bars in ${catalog.dir} (stored for ${instrumentId}: ${stored.map((t) => t.key).join(', ') || 'none'})`,
      );
    }
    return wanted;
  }
  if (stored.length === 0) invalid(`--instrument: no bars for '${instrumentId}' in ${catalog.dir}`);
  if (stored.length > 1) {
    invalid(
      `--bar: ${instrumentId} has several bar types (${stored.map((t) => t.key).join(', ')}); choose one`,
    );
  }
  return stored[0];
}

function overlapFlag(text: string | undefined): OverlapPolicy {
  if (text === undefined || text === 'error' || text === 'skip') return text ?? 'error';
  invalid(`--on-overlap: expected error or skip, got '${text}'`);
}

async function importCommand(file: string, flags: ImportFlags): Promise<void> {
  if (!(FORMATS as readonly string[]).includes(flags.format)) {
    invalid(`--format: expected one of ${FORMATS.join(', ')}, got '${flags.format}'`);
  }
  if (!existsSync(file)) invalid(`no such file: ${file}`);
  const onOverlap = overlapFlag(flags.onOverlap);
  const catalog = await Catalog.open(flags.catalog);
  try {
    const results =
      (flags.format as Format) === 'bars-csv'
        ? await importBarsCsv(catalog, file, flags.instrument, onOverlap)
        : await importDatabento(catalog, file, flags, onOverlap);
    for (const r of results.values()) {
      process.stdout.write(
        `${r.type} ${r.series}: ${r.written} rows written${r.skipped ? `, ${r.skipped} skipped (already stored)` : ''}, ${r.files} files\n`,
      );
    }
  } finally {
    catalog.close();
  }
}

interface Tally {
  type: CatalogDataType;
  series: string;
  written: number;
  skipped: number;
  files: number;
}

function tally(into: Map<string, Tally>, r: AppendResult): void {
  if (r.series === '') return;
  const t = into.get(r.series) ?? { type: r.type, series: r.series, written: 0, skipped: 0, files: 0 };
  t.written += r.written;
  t.skipped += r.skipped;
  t.files += r.files.length;
  into.set(r.series, t);
}

async function importBarsCsv(
  catalog: Catalog,
  file: string,
  wanted: string | undefined,
  onOverlap: OverlapPolicy,
): Promise<Map<string, Tally>> {
  let series = barSeriesFromCsv(readBarsCsv(file));
  if (wanted !== undefined) {
    series = series.filter(
      (s) =>
        s.instrument.id === wanted ||
        s.instrument.symbol === wanted ||
        (s.instrument.kind === 'future' && s.instrument.contractMonth === wanted),
    );
    if (series.length === 0) invalid(`--instrument: no series '${wanted}' in ${file}`);
  }
  const total = series.reduce((n, s) => n + s.bars.length, 0);
  const progress = progressBar('import', true);
  const results = new Map<string, Tally>();
  let done = 0;
  try {
    for (const s of series) {
      catalog.saveInstrument(s.instrument);
      const step = 100_000;
      for (let i = 0; i < s.bars.length; i += step) {
        const slice = s.bars.slice(i, i + step);
        tally(results, await catalog.appendBars(slice, { onOverlap: i === 0 ? onOverlap : 'error' }));
        done += slice.length;
        progress.update(done, total);
      }
    }
  } finally {
    progress.stop();
  }
  return results;
}

/** Databento rows are streamed and appended in batches, each cut where the time changes. */
async function importDatabento(
  catalog: Catalog,
  file: string,
  flags: ImportFlags,
  onOverlap: OverlapPolicy,
): Promise<Map<string, Tally>> {
  const tick = flags.tickSize === undefined ? undefined : Number(flags.tickSize);
  if (tick !== undefined && !(tick > 0))
    invalid(`--tick-size: expected a positive number, got '${flags.tickSize}'`);
  const seen = new Map<string, Instrument | undefined>();
  const builtIn = (id: string): Instrument | undefined => {
    if (!seen.has(id)) {
      const symbol = id.split('.')[0];
      let instrument: Instrument | undefined;
      try {
        const root = /^(\d?[A-Z]+?)[FGHJKMNQUVXZ]\d{1,2}$/.exec(symbol)?.[1];
        if (root && FUTURE_SPECS[root]) instrument = parseFutureSymbol(symbol);
      } catch {
        instrument = undefined;
      }
      seen.set(id, instrument);
    }
    return seen.get(id);
  };
  const grid = (id: string): Grid => {
    if (tick !== undefined) return new Grid(tick);
    const instrument = builtIn(id);
    if (!instrument) invalid(`--tick-size: needed for ${id} (not a built-in futures contract)`);
    return instrument.priceGrid;
  };
  const options = {
    grid,
    // --instrument: every row is that instrument (a proxy answering any raw id or symbol).
    ...(flags.instrument !== undefined ? { instruments: everyIdAs(flags.instrument) } : {}),
  };
  const size = statSync(file).size;
  const progress = progressBar('import', true);
  const results = new Map<string, Tally>();
  const pending = new Map<string, (Bar | TradeTick)[]>();
  const first = new Set<string>();
  const type: CatalogDataType = flags.format === 'databento-trades' ? 'trades' : 'bars';
  const flush = async (key: string, rows: (Bar | TradeTick)[]) => {
    const policy = first.has(key) ? 'error' : onOverlap;
    first.add(key);
    tally(results, await catalog.append(type, rows as never, { onOverlap: policy }));
  };
  let count = 0;
  try {
    const stream =
      type === 'trades' ? streamDatabentoTrades(file, options) : streamDatabentoOhlcv(file, options);
    for await (const row of stream as AsyncGenerator<Bar | TradeTick>) {
      const key = row.kind === 'bar' ? row.barType.key : row.instrumentId;
      let rows = pending.get(key);
      if (!rows) {
        rows = [];
        pending.set(key, rows);
        const id = row.kind === 'bar' ? row.barType.instrumentId : row.instrumentId;
        const instrument = builtIn(id);
        if (instrument && instrument.id === id) catalog.saveInstrument(instrument);
      }
      // Cut a full batch only where the time changes: ticks of one microsecond stay in one append.
      if (rows.length >= 200_000 && rows[rows.length - 1].tsEvent !== row.tsEvent) {
        await flush(key, rows);
        rows = [];
        pending.set(key, rows);
      }
      rows.push(row);
      if (++count % 50_000 === 0) progress.update(Math.min(size, count * 60), size);
    }
    for (const [key, rows] of pending) if (rows.length > 0) await flush(key, rows);
    progress.update(size, size);
  } finally {
    progress.stop();
  }
  return results;
}

function everyIdAs(id: string): Readonly<Record<string, string>> {
  return new Proxy<Record<string, string>>(
    {},
    {
      get: () => id,
      getOwnPropertyDescriptor: () => ({ value: id, configurable: true, enumerable: true, writable: false }),
    },
  );
}

async function listCommand(flags: { catalog: string; json?: boolean }): Promise<void> {
  const catalog = await openExistingCatalog(flags.catalog);
  try {
    const partitions = await catalog.partitions();
    const series = new Map<
      string,
      {
        type: string;
        series: string;
        instrument: string;
        partitions: number;
        rows: number;
        first: number;
        last: number;
      }
    >();
    for (const p of partitions) {
      const key = `${p.type}/${p.series}`;
      const s = series.get(key);
      if (!s) {
        series.set(key, {
          type: p.type,
          series: p.series,
          instrument: p.instrumentId,
          partitions: 1,
          rows: p.rows,
          first: p.first,
          last: p.last,
        });
      } else {
        s.partitions++;
        s.rows += p.rows;
        s.first = Math.min(s.first, p.first);
        s.last = Math.max(s.last, p.last);
      }
    }
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({
          catalog: flags.catalog,
          instruments: catalog.instrumentIds(),
          series: [...series.values()],
          partitions: partitions.map((p) => ({
            type: p.type,
            series: p.series,
            instrument: p.instrumentId,
            date: p.date,
            part: p.part,
            file: p.path,
            rows: p.rows,
            first: p.first,
            last: p.last,
          })),
        })}\n`,
      );
      return;
    }
    if (series.size === 0) {
      process.stdout.write(`${flags.catalog}: empty catalog\n`);
      return;
    }
    const rows = [
      ['type', 'series', 'instrument', 'partitions', 'rows', 'first', 'last'],
      ...[...series.values()].map((s) => [
        s.type,
        s.series,
        s.instrument,
        String(s.partitions),
        String(s.rows),
        isoFromMicros(s.first),
        isoFromMicros(s.last),
      ]),
    ];
    const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
    for (const r of rows)
      process.stdout.write(
        `${r
          .map((c, j) => c.padEnd(widths[j]))
          .join('  ')
          .trimEnd()}\n`,
      );
  } finally {
    catalog.close();
  }
}

interface ExportFlags {
  catalog: string;
  instrument: string;
  out: string;
  type: string;
  bar?: string;
  from?: string;
  to?: string;
}

async function exportCommand(flags: ExportFlags): Promise<void> {
  if (flags.type !== 'bars' && flags.type !== 'trades' && flags.type !== 'quotes') {
    invalid(`--type: expected bars, trades or quotes, got '${flags.type}'`);
  }
  const from = timeFlag('--from', flags.from);
  const to = timeFlag('--to', flags.to);
  if (from !== undefined && to !== undefined && !(from < to)) invalid('--from must be before --to');
  const catalog = await openExistingCatalog(flags.catalog);
  try {
    const type = flags.type as CatalogDataType;
    let series = flags.instrument;
    if (type === 'bars') series = chooseBarType(catalog, flags.instrument, flags.bar).key;
    else if (!catalog.series(type).includes(series)) {
      invalid(`--instrument: no ${type} for '${flags.instrument}' in ${flags.catalog}`);
    }
    const count = await catalog.exportCsv(type, series, { from, to }, flags.out);
    process.stderr.write(`${count} ${type} of ${series} written to ${flags.out}\n`);
  } finally {
    catalog.close();
  }
}
