/** Backtests over bars streamed from a data catalog (src/catalog) instead of a CSV file. */
import type { Catalog, TimeRange } from '../catalog/index.js';
import { BourseError } from '../core/errors.js';
import type { BarType } from '../model/data.js';
import type { Instrument } from '../model/instruments.js';
import { type BarBacktestOptions, type BarBacktestRun, barBacktestEngine, strategyFrom } from './run-file.js';

export interface CatalogBacktestOptions extends BarBacktestOptions {
  readonly catalog: Catalog;
  readonly barType: BarType;
  readonly range?: TimeRange;
}

/** The instrument stored beside a catalog's data, or an error naming the file it should be in. */
export function catalogInstrument(catalog: Catalog, barType: BarType): Instrument {
  const instrument = catalog.instrument(barType.instrumentId);
  if (!instrument) {
    throw new BourseError(
      'INSTRUMENT_UNKNOWN',
      `${catalog.dir}: no instrument definition for ${barType.instrumentId} (instruments/${encodeURIComponent(barType.instrumentId)}.json)`,
    );
  }
  return instrument;
}

/**
 * Runs one backtest over the bars of one bar type in [from, to): the same engine and strategy set-up
 * as a CSV file's, with the bars streamed from the catalog batch by batch as the run goes (memory
 * does not grow with the bars; the progress total comes from the catalog's row counts).
 */
export async function runCatalogBacktest(options: CatalogBacktestOptions): Promise<BarBacktestRun> {
  const { catalog, barType, range = {} } = options;
  const strategy = strategyFrom(options);
  const instrument = catalogInstrument(catalog, barType);
  const engine = barBacktestEngine(options, { instrument, barType }, strategy);
  engine.addDataSource(
    catalog.queryBars(barType, range),
    `${catalog.dir} ${barType.key}`,
    await catalog.count('bars', barType.key, range),
  );
  const result = await engine.runAsync();
  if (result.dataCount === 0) {
    throw new BourseError('DATA_EMPTY', `${catalog.dir}: no ${barType.key} bars in the range asked for`);
  }
  return { result, series: { instrument, barType }, params: strategy.params, availableSeries: [], rolls: [] };
}
