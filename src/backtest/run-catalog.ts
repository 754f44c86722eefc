/** Backtests over bars streamed from a data catalog (src/catalog) instead of a CSV file. */
import type { Catalog, TimeRange } from '../catalog/index.js';
import { BourseError } from '../core/errors.js';
import type { BarSeries } from '../data/load-bars.js';
import type { Bar, BarType } from '../model/data.js';
import { type FileBacktestOptions, type FileBacktestRun, runFileBacktest } from './run-file.js';

/**
 * The bars of one bar type in [from, to), streamed from the catalog in batches, with the instrument
 * stored beside them. (The engine takes its data as one array, so the batches are collected.)
 */
export async function loadCatalogSeries(
  catalog: Catalog,
  barType: BarType,
  range: TimeRange = {},
): Promise<BarSeries> {
  const instrument = catalog.instrument(barType.instrumentId);
  if (!instrument) {
    throw new BourseError(
      'INSTRUMENT_UNKNOWN',
      `${catalog.dir}: no instrument definition for ${barType.instrumentId} (instruments/${encodeURIComponent(barType.instrumentId)}.json)`,
    );
  }
  const bars: Bar[] = [];
  for await (const batch of catalog.queryBars(barType, range)) for (const b of batch) bars.push(b);
  if (bars.length === 0) {
    throw new BourseError('DATA_EMPTY', `${catalog.dir}: no ${barType.key} bars in the range asked for`);
  }
  return { instrument, barType, bars };
}

export interface CatalogBacktestOptions
  extends Omit<FileBacktestOptions, 'file' | 'loaded' | 'csv' | 'series'> {
  readonly catalog: Catalog;
  readonly barType: BarType;
  readonly range?: TimeRange;
}

/** Runs one backtest over a catalog's bars: the same engine path as a CSV file's. */
export async function runCatalogBacktest(options: CatalogBacktestOptions): Promise<FileBacktestRun> {
  const { catalog, barType, range, ...rest } = options;
  const loaded = await loadCatalogSeries(catalog, barType, range);
  return runFileBacktest({ ...rest, file: `${catalog.dir} ${barType.key}`, loaded });
}
