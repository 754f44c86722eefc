/** The Trades, Daily returns and Fills sheets of a backtest workbook. */
import type ExcelJS from 'exceljs';
import type { BacktestResult } from '../backtest/result.js';
import { dailyEquity } from '../backtest/statistics.js';
import { MICROS_PER_DAY } from '../model/time.js';
import { addTableSheet, type CellValue, excelDate, FORMATS, moneyFormat } from './xlsx-table.js';

/** Every closed trade, in the order they closed; times in UTC. */
export function addTradesSheet(workbook: ExcelJS.Workbook, result: BacktestResult): void {
  const money = moneyFormat(result.currency);
  const ccy = result.currency;
  const columns = [
    { header: '#', width: 6, numFmt: FORMATS.integer },
    { header: 'Instrument', width: 18 },
    { header: 'Direction', width: 10 },
    { header: 'Quantity', width: 10, numFmt: FORMATS.quantity },
    { header: 'Entry time (UTC)', width: 20, numFmt: FORMATS.dateTime },
    { header: 'Entry price', width: 14, numFmt: FORMATS.price },
    { header: 'Exit time (UTC)', width: 20, numFmt: FORMATS.dateTime },
    { header: 'Exit price', width: 14, numFmt: FORMATS.price },
    { header: 'Bars held', width: 10, numFmt: FORMATS.integer },
    { header: `Gross P&L (${ccy})`, width: 16, numFmt: money },
    { header: `Commissions (${ccy})`, width: 16, numFmt: money },
    { header: `Net P&L (${ccy})`, width: 16, numFmt: money },
  ];
  const rows = result.trades.map((t, i): CellValue[] => [
    i + 1,
    t.instrumentId,
    t.direction,
    t.quantity,
    excelDate(t.entryTime),
    t.entryPrice,
    excelDate(t.exitTime),
    t.exitPrice,
    t.barsHeld,
    t.grossPnl,
    t.commissions,
    t.netPnl,
  ]);
  addTableSheet(workbook, 'Trades', columns, rows, rows.length);
}

/**
 * One row per UTC day with data: the last equity of the day, its return over the previous day's
 * (the first day's over the starting cash; empty where undefined) and its drawdown below the
 * running peak of daily closes (the peak starts at the starting cash), as a fraction.
 */
export function addDailySheet(workbook: ExcelJS.Workbook, result: BacktestResult): void {
  const daily = dailyEquity(result.equity, result.startingCash);
  const columns = [
    { header: 'Date', width: 12, numFmt: FORMATS.date },
    { header: `Equity (${result.currency})`, width: 18, numFmt: moneyFormat(result.currency) },
    { header: 'Daily return', width: 14, numFmt: FORMATS.percent },
    { header: 'Drawdown', width: 12, numFmt: FORMATS.percent },
  ];
  let peak = result.startingCash;
  const rows = daily.days.map((day, i): CellValue[] => {
    const equity = daily.equity[i];
    peak = Math.max(peak, equity);
    const ret = daily.returns[i];
    return [
      new Date(day * (MICROS_PER_DAY / 1000)),
      equity,
      Number.isFinite(ret) ? ret : null,
      peak > 0 ? (peak - equity) / peak : null,
    ];
  });
  addTableSheet(workbook, 'Daily returns', columns, rows, rows.length);
}

/** Every fill, in time order. */
export function addFillsSheet(workbook: ExcelJS.Workbook, result: BacktestResult): void {
  const columns = [
    { header: 'Time (UTC)', width: 20, numFmt: FORMATS.dateTime },
    { header: 'Instrument', width: 18 },
    { header: 'Side', width: 6 },
    { header: 'Quantity', width: 10, numFmt: FORMATS.quantity },
    { header: 'Price', width: 14, numFmt: FORMATS.price },
    { header: `Commission (${result.currency})`, width: 16, numFmt: moneyFormat(result.currency) },
    { header: 'Liquidity', width: 10 },
    { header: 'Order', width: 14 },
  ];
  const rows = result.fills.map((f): CellValue[] => [
    excelDate(f.time),
    f.instrumentId,
    f.side,
    f.quantity,
    f.price,
    f.commission,
    f.liquidity,
    f.clientOrderId,
  ]);
  addTableSheet(workbook, 'Fills', columns, rows, rows.length);
}
