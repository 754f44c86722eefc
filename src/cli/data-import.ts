/** `bourse data import`: CSV bars, Databento files, Tardis L2 files or a recorder journal into the catalog, validated. */

import { existsSync, statSync } from 'node:fs';
import type {
  AppendResult,
  Catalog,
  CatalogDataType,
  CatalogRecord,
  OverlapPolicy,
} from '../catalog/index.js';
import { Catalog as CatalogClass } from '../catalog/index.js';
import { loadBourseConfig, validationPolicies } from '../core/config-schema.js';
import { readBarsCsv } from '../data/csv/index.js';
import { barSeriesFromCsv } from '../data/load-bars.js';
import { streamDatabentoOhlcv, streamDatabentoTrades } from '../data/readers/index.js';
import { formatReport } from '../data/validation/index.js';
import type { Bar, QuoteTick, TradeTick } from '../model/data.js';
import { Grid } from '../model/grid.js';
import { FUTURE_SPECS, type Instrument, parseFutureSymbol } from '../model/instruments.js';
import { invalid, overlapFlag } from './data-flags.js';
import { importJournal } from './data-import-journal.js';
import { importTardisL2 } from './data-import-levels.js';
import { importDatabentoMbo } from './data-import-mbo.js';
import { ImportValidation, validateFlag } from './data-validate.js';
import { progressBar } from './progress.js';

export const FORMATS = [
  'bars-csv',
  'databento-trades',
  'databento-ohlcv',
  'databento-mbo',
  'tardis-l2',
  'journal',
] as const;
type Format = (typeof FORMATS)[number];

export interface ImportFlags {
  format: string;
  catalog: string;
  instrument?: string;
  tickSize?: string;
  onOverlap?: string;
  validate?: string;
  config?: string;
  json?: boolean;
}

/** What an import wrote to one series. */
export interface Tally {
  type: CatalogDataType;
  series: string;
  written: number;
  skipped: number;
  files: number;
}

/** What the importers share: the catalog, the overlap policy, the validator, the tallies. */
export interface ImportContext {
  readonly catalog: Catalog;
  readonly file: string;
  readonly flags: ImportFlags;
  readonly onOverlap: OverlapPolicy;
  readonly validation: ImportValidation;
  readonly results: Map<string, Tally>;
  /** Records read but not stored, by reason (e.g. book events of a journal). */
  readonly notStored: Map<string, number>;
}

export async function importCommand(file: string, flags: ImportFlags): Promise<void> {
  if (!(FORMATS as readonly string[]).includes(flags.format)) {
    invalid(`--format: expected one of ${FORMATS.join(', ')}, got '${flags.format}'`);
  }
  if (!existsSync(file)) invalid(`no such file: ${file}`);
  if ((flags.format === 'journal') !== statSync(file).isDirectory()) {
    invalid(
      flags.format === 'journal'
        ? `--format journal: ${file} is not a journal directory`
        : `${file} is a directory (only --format journal imports a directory)`,
    );
  }
  const onOverlap = overlapFlag(flags.onOverlap);
  // Config file and BOURSE_DATA__VALIDATION__* first, the --validate flag over them.
  const config = loadBourseConfig({ file: flags.config });
  const policies = { ...validationPolicies(config), ...validateFlag(flags.validate) };
  const catalog = await CatalogClass.open(flags.catalog, { compression: config.data.catalog.compression });
  const context: ImportContext = {
    catalog,
    file,
    flags,
    onOverlap,
    validation: new ImportValidation(file, policies),
    results: new Map(),
    notStored: new Map(),
  };
  try {
    const format = flags.format as Format;
    if (format === 'bars-csv') await importBarsCsv(context);
    else if (format === 'journal') await importJournal(context);
    else if (format === 'databento-mbo') await importDatabentoMbo(context);
    else if (format === 'tardis-l2') await importTardisL2(context);
    else await importDatabento(context);
  } finally {
    catalog.close();
  }
  printSummary(context);
}

function printSummary(context: ImportContext): void {
  const report = context.validation.report();
  const series = [...context.results.values()];
  if (context.flags.json) {
    process.stdout.write(
      `${JSON.stringify({
        file: context.file,
        format: context.flags.format,
        catalog: context.flags.catalog,
        series,
        notStored: Object.fromEntries(context.notStored),
        validation: report,
      })}\n`,
    );
    return;
  }
  for (const r of series) {
    process.stdout.write(
      `${r.type} ${r.series}: ${r.written} rows written${r.skipped ? `, ${r.skipped} skipped (already stored)` : ''}, ${r.files} files\n`,
    );
  }
  for (const [reason, n] of context.notStored) process.stdout.write(`${n} ${reason}: not stored\n`);
  process.stdout.write(`${formatReport(report)}\n`);
}

/** Adds an append's counts to its series' tally (keyed `type/series`). */
export function tally(into: Map<string, Tally>, r: AppendResult): void {
  if (r.series === '') return;
  const key = `${r.type}/${r.series}`;
  const t = into.get(key) ?? { type: r.type, series: r.series, written: 0, skipped: 0, files: 0 };
  t.written += r.written;
  t.skipped += r.skipped;
  t.files += r.files.length;
  into.set(key, t);
}

/**
 * Appends one series' rows (sorted) in batches of about `step`, each cut where the time changes
 * (ticks of one microsecond stay in one append); only the first batch may skip stored rows.
 */
export async function appendSeries(
  context: ImportContext,
  type: CatalogDataType,
  rows: readonly (Bar | TradeTick | QuoteTick)[],
  onProgress?: (appended: number) => void,
  step = 100_000,
): Promise<void> {
  let start = 0;
  while (start < rows.length) {
    let end = Math.min(rows.length, start + step);
    while (end < rows.length && rows[end].tsEvent === rows[end - 1].tsEvent) end++;
    const policy = start === 0 ? context.onOverlap : 'error';
    const batch = rows.slice(start, end);
    tally(context.results, await context.catalog.append(type, batch as never, { onOverlap: policy }));
    start = end;
    onProgress?.(batch.length);
  }
}

async function importBarsCsv(context: ImportContext): Promise<void> {
  const { catalog, file, validation } = context;
  const wanted = context.flags.instrument;
  const imported = readBarsCsv(file, { fileOrder: true });
  let series = barSeriesFromCsv(imported, {}, 'as-read').map((s, i) => ({
    ...s,
    lines: imported.series[i].rows.map((r) => r.line),
  }));
  if (wanted !== undefined) {
    series = series.filter(
      (s) =>
        s.instrument.id === wanted ||
        s.instrument.symbol === wanted ||
        (s.instrument.kind === 'future' && s.instrument.contractMonth === wanted),
    );
    if (series.length === 0) invalid(`--instrument: no series '${wanted}' in ${file}`);
  }
  // Validate everything first: a `fail` policy stops the import before anything is written.
  const checked = series.map((s) => {
    const bars: Bar[] = [];
    for (let i = 0; i < s.bars.length; i++) {
      const kept = validation.check(s.barType.key, s.instrument.priceGrid, s.bars[i], s.lines[i]);
      if (kept !== undefined) bars.push(kept as Bar);
    }
    return { instrument: s.instrument, bars };
  });
  const total = checked.reduce((n, s) => n + s.bars.length, 0);
  const progress = progressBar('import', true);
  let done = 0;
  try {
    for (const s of checked) {
      catalog.saveInstrument(s.instrument);
      await appendSeries(context, 'bars', s.bars, (n) => {
        done += n;
        progress.update(done, total);
      });
    }
  } finally {
    progress.stop();
  }
}

/**
 * The built-in futures contract of an instrument id (`ESZ3.CME`), if any; `lookup(id)` memoises
 * it and saves it in the catalog the first time it is seen.
 */
export function builtInInstruments(catalog: Catalog): (id: string) => Instrument | undefined {
  const seen = new Map<string, Instrument | undefined>();
  return (id) => {
    if (!seen.has(id)) {
      const symbol = id.split('.')[0];
      let instrument: Instrument | undefined;
      try {
        const root = /^(\d?[A-Z]+?)[FGHJKMNQUVXZ]\d{1,2}$/.exec(symbol)?.[1];
        if (root && FUTURE_SPECS[root]) instrument = parseFutureSymbol(symbol);
      } catch {
        instrument = undefined;
      }
      const stored = catalog.instrument(id);
      if (instrument && instrument.id === id && stored === undefined) catalog.saveInstrument(instrument);
      instrument ??= stored;
      seen.set(id, instrument);
    }
    return seen.get(id);
  };
}

/** `--tick-size`, or the grid of the instrument (built-in or stored); an error naming the flag if neither. */
export function gridResolver(
  context: ImportContext,
  instrumentOf: (id: string) => Instrument | undefined,
): (id: string) => Grid {
  const text = context.flags.tickSize;
  const tick = text === undefined ? undefined : Number(text);
  if (tick !== undefined && !(tick > 0)) invalid(`--tick-size: expected a positive number, got '${text}'`);
  const fixed = tick === undefined ? undefined : new Grid(tick);
  return (id) => {
    if (fixed) return fixed;
    const instrument = instrumentOf(id);
    if (!instrument) invalid(`--tick-size: needed for ${id} (not a built-in futures contract)`);
    return instrument.priceGrid;
  };
}

/**
 * Appends one series' rows as they stream in: batches of about `batch` rows, each cut only where the
 * time changes (ticks of one microsecond stay in one append); only the first append may skip rows
 * already stored (`--on-overlap`), later ones must follow on.
 */
export class SeriesAppender<T extends CatalogDataType> {
  private rows: CatalogRecord<T>[] = [];
  private first = true;

  constructor(
    private readonly context: ImportContext,
    private readonly type: T,
    private readonly batch = 200_000,
  ) {}

  /** Adds a row; returns the append to await when a full batch was cut before it (else undefined). */
  add(row: CatalogRecord<T>): Promise<void> | undefined {
    const rows = this.rows;
    const cut = rows.length >= this.batch && rows[rows.length - 1].tsEvent !== row.tsEvent;
    const flushed = cut ? this.flush() : undefined;
    this.rows.push(row);
    return flushed;
  }

  /** Appends the rows held (at the end of the input). */
  async flush(): Promise<void> {
    const rows = this.rows;
    if (rows.length === 0) return;
    this.rows = [];
    const onOverlap = this.first ? this.context.onOverlap : 'error';
    this.first = false;
    tally(this.context.results, await this.context.catalog.append(this.type, rows, { onOverlap }));
  }
}

/** Streams records into one `SeriesAppender` per series (in first-seen order), then flushes them all. */
export class SeriesAppenders<T extends CatalogDataType> {
  private readonly bySeries = new Map<string, SeriesAppender<T>>();

  constructor(
    private readonly context: ImportContext,
    private readonly type: T,
    /** Called once per new series, before its first row (e.g. to save its instrument). */
    private readonly onNewSeries?: (row: CatalogRecord<T>) => void,
  ) {}

  add(series: string, row: CatalogRecord<T>): Promise<void> | undefined {
    let appender = this.bySeries.get(series);
    if (!appender) {
      appender = new SeriesAppender(this.context, this.type);
      this.bySeries.set(series, appender);
      this.onNewSeries?.(row);
    }
    return appender.add(row);
  }

  async flush(): Promise<void> {
    for (const appender of this.bySeries.values()) await appender.flush();
  }
}

/**
 * A progress bar for a file streamed row by row, estimated from the rows read (`bytesPerRow` each,
 * capped at the file size); `stop(true)` shows it complete.
 */
export function fileProgress(
  file: string,
  bytesPerRow: number,
): { row: () => void; stop: (done: boolean) => void } {
  const size = statSync(file).size;
  const bar = progressBar('import', true);
  let count = 0;
  return {
    row: () => {
      if (++count % 50_000 === 0) bar.update(Math.min(size, count * bytesPerRow), size);
    },
    stop: (done) => {
      if (done) bar.update(size, size);
      bar.stop();
    },
  };
}

/** Databento rows are streamed, validated per series and appended in batches cut where the time changes. */
async function importDatabento(context: ImportContext): Promise<void> {
  const { file, flags, validation } = context;
  const instrumentOf = builtInInstruments(context.catalog);
  const grid = gridResolver(context, instrumentOf);
  const options = {
    grid,
    // --instrument: every row is that instrument (a proxy answering any raw id or symbol).
    ...(flags.instrument !== undefined ? { instruments: everyIdAs(flags.instrument) } : {}),
  };
  const progress = fileProgress(file, 60);
  const type = flags.format === 'databento-trades' ? 'trades' : 'bars';
  const instrumentIdOf = (r: Bar | TradeTick) => (r.kind === 'bar' ? r.barType.instrumentId : r.instrumentId);
  const appenders = new SeriesAppenders<'trades' | 'bars'>(context, type, (r) =>
    instrumentOf(instrumentIdOf(r)),
  );
  let done = false;
  try {
    const stream =
      type === 'trades' ? streamDatabentoTrades(file, options) : streamDatabentoOhlcv(file, options);
    for await (const read of stream as AsyncGenerator<Bar | TradeTick>) {
      const key = read.kind === 'bar' ? read.barType.key : read.instrumentId;
      progress.row();
      const row = validation.check(key, grid(instrumentIdOf(read)), read) as Bar | TradeTick | undefined;
      if (row === undefined) continue;
      const cut = appenders.add(key, row);
      if (cut) await cut;
    }
    await appenders.flush();
    done = true;
  } finally {
    progress.stop(done);
  }
}

/** A `--instrument` id for every row: a map answering any raw id or symbol with `id`. */
export function everyIdAs(id: string): Readonly<Record<string, string>> {
  return new Proxy<Record<string, string>>(
    {},
    {
      get: () => id,
      getOwnPropertyDescriptor: () => ({ value: id, configurable: true, enumerable: true, writable: false }),
    },
  );
}
