import { basename, extname } from 'node:path';
import { DataError } from '../core/errors.js';
import { type Bar, BarType, bar } from '../model/data.js';
import {
  equity,
  FUTURE_SPECS,
  futureContract,
  genericFuture,
  type Instrument,
} from '../model/instruments.js';
import type { CsvImportResult, CsvSeries } from './csv/index.js';

export interface BarSeries {
  readonly instrument: Instrument;
  readonly barType: BarType;
  readonly bars: Bar[];
}

export interface InstrumentOptions {
  /** Symbol for single-series files (default: from the file name). */
  readonly symbol?: string;
  /** Venue for single-series files (default SIM). */
  readonly venue?: string;
  /** Money per point per unit (default 1; built-in futures use their spec). */
  readonly multiplier?: number;
  /** Initial margin per contract: makes the series futures-like (margin account, daily settlement). */
  readonly margin?: number;
  /** Price increment (default: from the file's decimals, e.g. 0.01). */
  readonly priceIncrement?: number;
}

/** A symbol from a file name: `2006-day-001.txt` → `2006-DAY-001`. */
export function symbolFromFile(file: string): string {
  return basename(file, extname(file))
    .toUpperCase()
    .replace(/[^A-Z0-9/-]+/g, '-');
}

/**
 * Turns imported CSV rows into instruments and bars on the instrument's price grid (`as-read`:
 * prices unchecked and unrounded, for a validator to judge; bar i is row i of its series). Futures
 * series of a built-in root (ES, MES) become listed contracts (`ESZ3.CME`); other files become an
 * equity, or a futures-like contract when a margin is given.
 */
export function barSeriesFromCsv(
  imported: CsvImportResult,
  options: InstrumentOptions = {},
  prices: 'on-grid' | 'as-read' = 'on-grid',
): BarSeries[] {
  return imported.series.map((series) => {
    const instrument = instrumentFor(imported, series, options);
    const barType = BarType.of(instrument.id, imported.bar.step, imported.bar.aggregation, 'last');
    const grid = instrument.priceGrid;
    const bars = new Array<Bar>(series.rows.length);
    for (let i = 0; i < series.rows.length; i++) {
      const r = series.rows[i];
      if (prices === 'as-read') {
        bars[i] = bar(barType, r.open, r.high, r.low, r.close, r.volume, r.tsEvent);
        continue;
      }
      for (const [field, value] of [
        ['open', r.open],
        ['high', r.high],
        ['low', r.low],
        ['close', r.close],
      ] as const) {
        if (!grid.contains(value)) {
          throw new DataError(`price is not on ${instrument.id}'s ${grid.increment} tick grid`, {
            file: imported.file,
            field,
            value: String(value),
          });
        }
      }
      bars[i] = bar(
        barType,
        grid.round(r.open),
        grid.round(r.high),
        grid.round(r.low),
        grid.round(r.close),
        r.volume,
        r.tsEvent,
      );
    }
    return { instrument, barType, bars };
  });
}

function instrumentFor(imported: CsvImportResult, series: CsvSeries, options: InstrumentOptions): Instrument {
  if (series.root && series.contractMonth && FUTURE_SPECS[series.root]) {
    const year = Number(series.contractMonth.slice(0, 4));
    const month = Number(series.contractMonth.slice(4, 6));
    const overrides =
      options.margin !== undefined
        ? { initialMargin: options.margin, maintenanceMargin: options.margin }
        : {};
    return futureContract(series.root, year, month, overrides);
  }
  const symbol =
    options.symbol ?? (series.key ? series.key.replace(/\s+/g, '-') : symbolFromFile(imported.file));
  const venue = options.venue ?? 'SIM';
  const priceIncrement = options.priceIncrement ?? 10 ** -imported.pricePrecision;
  if (options.margin !== undefined) {
    return genericFuture({
      symbol,
      venue,
      priceIncrement,
      multiplier: options.multiplier ?? 1,
      initialMargin: options.margin,
    });
  }
  return equity({ symbol, venue, priceIncrement, multiplier: options.multiplier ?? 1 });
}
