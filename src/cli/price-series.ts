/**
 * One price column of a bar file (the Yahoo daily layout such as data/sp500-2000.csv, or any layout
 * the CSV readers infer), read with the shared CSV readers: what `bourse risk` and `bourse regime`
 * analyse. Bad values are DataErrors naming file, line and field (from the readers).
 */
import { BourseError } from '../core/errors.js';
import { readBarsCsv } from '../data/csv/index.js';
import { isoFromMicros } from '../model/time.js';

export const PRICE_COLUMNS = ['open', 'high', 'low', 'close', 'adjclose'] as const;
export type PriceColumn = (typeof PRICE_COLUMNS)[number];

/** Bar-end dates (yyyy-mm-dd for daily or longer bars, ISO times otherwise) and prices, oldest first. */
export interface PriceSeries {
  readonly dates: string[];
  readonly closes: number[];
}

/**
 * Reads `column` of the file's longest series; `adjclose` means the close adjusted for splits and
 * dividends. At least `minimum` prices, all > 0.
 */
export function readPriceSeries(file: string, columnText: string, minimum = 2): PriceSeries {
  const column = columnText.toLowerCase() as PriceColumn;
  if (!PRICE_COLUMNS.includes(column)) {
    throw new RangeError(`--column must be one of ${PRICE_COLUMNS.join(', ')}, got ${columnText}`);
  }
  const imported = readBarsCsv(file, { adjust: column === 'adjclose' });
  const series = imported.series.reduce((best, s) => (s.rows.length > best.rows.length ? s : best));
  const field = column === 'adjclose' ? 'close' : column;
  const daily = ['day', 'week', 'month'].includes(imported.bar.aggregation);
  const dates: string[] = [];
  const closes: number[] = [];
  series.rows.forEach((row, i) => {
    const price = row[field] as number;
    if (!(price > 0)) {
      throw new BourseError('DATA_INVALID', `${file}: ${field} must be > 0 (row ${i + 1})`);
    }
    // Daily bars are stamped at their close (the next UTC midnight): one microsecond back is their date.
    const stamp = isoFromMicros((row.tsEvent as number) - 1);
    dates.push(daily ? stamp.slice(0, 10) : stamp);
    closes.push(price);
  });
  if (closes.length < minimum) {
    throw new BourseError('DATA_INVALID', `${file}: need at least ${minimum} prices, got ${closes.length}`);
  }
  return { dates, closes };
}
