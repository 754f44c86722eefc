/** One worksheet as a table: a bold, frozen header row with an autofilter over typed columns. */
import type ExcelJS from 'exceljs';
import { BourseError } from '../core/errors.js';
import { currency as lookupCurrency } from '../model/currency.js';
import { millisFromMicros, type UnixMicros } from '../model/time.js';

/** A cell's value as it is written: a number, text, an Excel date (UTC), or empty (null). */
export type CellValue = number | string | Date | null;

export interface SheetColumn {
  readonly header: string;
  /** Character width of the column. */
  readonly width: number;
  /** Excel number format of the column's cells (default: General). */
  readonly numFmt?: string;
}

/** Number formats: percents of fractions, dates and date-times (UTC), counts and ratios. */
export const FORMATS = {
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
  integer: '#,##0',
  ratio: '0.00',
  days: '0.0',
  price: '#,##0.00######',
  quantity: '#,##0.########',
} as const;

/** Excel's last row (1,048,576) less the header. */
export const MAX_SHEET_ROWS = 1_048_575;

/** Money at the currency's minor unit (2 decimals when the currency is unknown): `#,##0.00`. */
export function moneyFormat(currencyCode: string): string {
  let precision = 2;
  try {
    precision = lookupCurrency(currencyCode).precision;
  } catch {
    // An unknown code keeps 2 decimals.
  }
  return precision > 0 ? `#,##0.${'0'.repeat(precision)}` : '#,##0';
}

/**
 * A UTC timestamp as the `Date` exceljs writes as an Excel serial date: Excel has no time zone, so
 * the sheet shows the UTC wall time (microseconds below the millisecond are dropped).
 */
export function excelDate(time: UnixMicros): Date {
  return new Date(millisFromMicros(time));
}

/** Adds sheet `name` with `columns` and one row per item of `rows`. */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly SheetColumn[],
  rows: Iterable<readonly CellValue[]>,
  rowCount: number,
): ExcelJS.Worksheet {
  if (rowCount > MAX_SHEET_ROWS) {
    throw new BourseError(
      'REPORT_TOO_LARGE',
      `sheet '${name}': ${rowCount} rows do not fit in a worksheet (at most ${MAX_SHEET_ROWS})`,
    );
  }
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: styleOf(c) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((v) => v ?? undefined));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function styleOf(column: SheetColumn): Partial<ExcelJS.Style> {
  return column.numFmt === undefined ? {} : { numFmt: column.numFmt };
}
