/**
 * XLSX export of a backtest run (exceljs): sheets Statistics, Trades, Daily returns and Fills, each
 * a table with a bold frozen header row and an autofilter. Percents are fractions with a `0.00%`
 * format, money has the currency's decimals, times are Excel dates showing UTC. docs/reports.md.
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { BacktestResult } from '../backtest/result.js';
import { BourseError } from '../core/errors.js';
import type { BacktestReportMeta } from './report-meta.js';
import { addDailySheet, addFillsSheet, addTradesSheet } from './xlsx-sheets.js';
import { addStatisticsSheet } from './xlsx-statistics.js';

/** The sheet names, in workbook order. */
export const XLSX_SHEETS = ['Statistics', 'Trades', 'Daily returns', 'Fills'] as const;

/** The workbook of a run, in memory. */
export function backtestWorkbook(result: BacktestResult, meta: BacktestReportMeta): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bourse';
  workbook.title = `${meta.strategy} on ${meta.instrument}`;
  addStatisticsSheet(workbook, result, meta);
  addTradesSheet(workbook, result);
  addDailySheet(workbook, result);
  addFillsSheet(workbook, result);
  return workbook;
}

/** Writes the workbook of a run to `file`; resolves to its size in bytes. */
export async function writeBacktestXlsx(
  result: BacktestResult,
  meta: BacktestReportMeta,
  file: string,
): Promise<number> {
  const buffer = await backtestWorkbook(result, meta).xlsx.writeBuffer();
  try {
    await writeFile(file, new Uint8Array(buffer));
  } catch (error) {
    throw new BourseError('REPORT_WRITE', `${file}: cannot write the workbook: ${(error as Error).message}`);
  }
  return buffer.byteLength;
}
