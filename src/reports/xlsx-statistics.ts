/** The Statistics sheet: the run's description, then every statistic with its own number format. */
import type ExcelJS from 'exceljs';
import type { BacktestResult } from '../backtest/result.js';
import type { Statistics } from '../backtest/result-types.js';
import { STATISTIC_ROWS } from '../backtest/tearsheet/index.js';
import { type BacktestReportMeta, parameterText } from './report-meta.js';
import { addTableSheet, type CellValue, excelDate, FORMATS, moneyFormat } from './xlsx-table.js';

interface StatisticLine {
  readonly label: string;
  readonly value: CellValue;
  readonly group: string;
  readonly field: string;
  readonly numFmt?: string;
}

const COLUMNS = [
  { header: 'Statistic', width: 28 },
  { header: 'Value', width: 22 },
  { header: 'Group', width: 10 },
  { header: 'Field', width: 24 },
];

/** Adds the Statistics sheet (columns Statistic, Value, Group, Field). */
export function addStatisticsSheet(
  workbook: ExcelJS.Workbook,
  result: BacktestResult,
  meta: BacktestReportMeta,
): void {
  const lines = [
    ...runLines(result, meta),
    ...statisticLines(result.statistics, moneyFormat(result.currency)),
  ];
  const sheet = addTableSheet(
    workbook,
    'Statistics',
    COLUMNS,
    lines.map((l) => [l.label, l.value, l.group, l.field]),
    lines.length,
  );
  lines.forEach((line, i) => {
    if (line.numFmt !== undefined) sheet.getCell(i + 2, 2).numFmt = line.numFmt;
    sheet.getCell(i + 2, 2).alignment = { horizontal: 'right' };
  });
}

function runLines(result: BacktestResult, meta: BacktestReportMeta): StatisticLine[] {
  const run = (label: string, field: string, value: CellValue, numFmt?: string): StatisticLine => ({
    label,
    value,
    group: 'Run',
    field,
    numFmt,
  });
  return [
    run('Strategy', 'strategy', meta.strategy),
    ...Object.entries(meta.parameters).map(([name, value]) =>
      run(
        `Parameter ${name}`,
        `parameters.${name}`,
        typeof value === 'number' ? value : parameterText(value),
      ),
    ),
    run('Instrument', 'instrument', meta.instrument),
    ...(meta.data === undefined ? [] : [run('Data', 'data', meta.data)]),
    run('Currency', 'currency', result.currency),
    run('Bars', 'bars', result.dataCount, FORMATS.integer),
    run('Final cash', 'finalCash', result.finalCash, moneyFormat(result.currency)),
  ];
}

type StatisticKind = (typeof STATISTIC_ROWS)[keyof Statistics]['kind'];

/** Every `Statistics` field, labelled and grouped as in the tearsheet; percents as fractions. */
function statisticLines(stats: Statistics, money: string): StatisticLine[] {
  const formats: Record<StatisticKind, string> = {
    time: FORMATS.dateTime,
    money,
    fraction: FORMATS.percent,
    percent: FORMATS.percent,
    ratio: FORMATS.ratio,
    count: FORMATS.integer,
    days: FORMATS.days,
  };
  const noPeriod = stats.startTime === 0 && stats.endTime === 0;
  return (Object.keys(STATISTIC_ROWS) as (keyof Statistics)[]).map((key) => {
    const { label, group, kind } = STATISTIC_ROWS[key];
    const raw = stats[key];
    const line = { label, group, field: key, numFmt: formats[kind] };
    if (raw === null || !Number.isFinite(raw)) return { ...line, value: null };
    if (kind === 'time') return { ...line, value: noPeriod ? null : excelDate(raw) };
    // `Pct` statistics are in percent; the sheet holds fractions shown with a % format.
    return { ...line, value: kind === 'percent' ? raw / 100 : raw };
  });
}
