/**
 * The XLSX export of a real backtest, written to disk and read back with exceljs: sheets, every
 * trade with its dates and P&L, one row per day, the statistics with their number formats.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FileBacktestRun } from '../../src/backtest/run-file.js';
import { dailyEquity } from '../../src/backtest/statistics.js';
import { BourseError } from '../../src/core/errors.js';
import { writeBacktestXlsx, XLSX_SHEETS } from '../../src/reports/xlsx.js';
import { addTableSheet, MAX_SHEET_ROWS } from '../../src/reports/xlsx-table.js';
import { smaRun } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'bourse-xlsx-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const micros = (date: Date) => date.getTime() * 1000;

describe('backtest workbook', () => {
  let run: FileBacktestRun;
  let workbook: ExcelJS.Workbook;
  let bytes: number;
  const file = join(dir, 'run.xlsx');

  before(async () => {
    run = smaRun();
    bytes = await writeBacktestXlsx(
      run.result,
      { strategy: 'sma-cross', parameters: run.params, instrument: run.series.instrument.id, data: 'x.txt' },
      file,
    );
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
  });

  test('has the four sheets in order and reports its size', () => {
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      [...XLSX_SHEETS],
    );
    assert.equal(bytes, statSync(file).size);
  });

  test('Trades: every closed trade, with UTC dates and net P&L equal to the source', () => {
    const sheet = workbook.getWorksheet('Trades')!;
    const { trades } = run.result;
    assert.equal(trades.length, 11);
    assert.equal(sheet.rowCount - 1, trades.length);
    const header = sheet.getRow(1).values as unknown[];
    assert.equal(header[12], 'Net P&L (USD)');
    assert.equal(sheet.getRow(1).font?.bold, true);
    assert.equal(sheet.views[0].state, 'frozen');
    assert.equal(sheet.views[0].ySplit, 1);
    assert.ok(sheet.autoFilter, 'autofilter');
    for (const [i, trade] of trades.entries()) {
      const row = sheet.getRow(i + 2);
      assert.equal(row.getCell(2).value, trade.instrumentId);
      assert.equal(row.getCell(3).value, trade.direction);
      assert.equal(micros(row.getCell(5).value as Date), trade.entryTime);
      assert.equal(row.getCell(6).value, trade.entryPrice);
      assert.equal(micros(row.getCell(7).value as Date), trade.exitTime);
      assert.equal(row.getCell(9).value, trade.barsHeld);
      assert.equal(row.getCell(12).value, trade.netPnl);
    }
    assert.equal(sheet.getRow(2).getCell(5).numFmt, 'yyyy-mm-dd hh:mm:ss');
    assert.equal(sheet.getRow(2).getCell(12).numFmt, '#,##0.00');
  });

  test('Daily returns: one row per day, returns and drawdown as percents', () => {
    const sheet = workbook.getWorksheet('Daily returns')!;
    const daily = dailyEquity(run.result.equity, run.result.startingCash);
    assert.equal(sheet.rowCount - 1, daily.days.length);
    const first = sheet.getRow(2);
    assert.equal((first.getCell(1).value as Date).toISOString().slice(11), '00:00:00.000Z');
    assert.equal(first.getCell(1).numFmt, 'yyyy-mm-dd');
    const last = sheet.getRow(sheet.rowCount);
    assert.equal(last.getCell(2).value, daily.equity[daily.equity.length - 1]);
    assert.equal(last.getCell(3).value, daily.returns[daily.returns.length - 1]);
    assert.equal(last.getCell(3).numFmt, '0.00%');
    let largest = 0;
    sheet.eachRow((row, n) => {
      if (n > 1) largest = Math.max(largest, row.getCell(4).value as number);
    });
    // Daily closes never draw down further than the intraday-sampled maximum.
    assert.ok(largest > 0 && largest <= run.result.statistics.maxDrawdownPct / 100 + 1e-12);
  });

  test('Fills: every fill', () => {
    const sheet = workbook.getWorksheet('Fills')!;
    assert.equal(sheet.rowCount - 1, run.result.fills.length);
    const fill = run.result.fills[0];
    assert.equal(micros(sheet.getRow(2).getCell(1).value as Date), fill.time);
    assert.equal(sheet.getRow(2).getCell(5).value, fill.price);
  });

  test('Statistics: run description and statistics with their formats', () => {
    const sheet = workbook.getWorksheet('Statistics')!;
    const byField = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row, n) => {
      if (n > 1) byField.set(String(row.getCell(4).value), row.getCell(2));
    });
    const s = run.result.statistics;
    assert.equal(byField.get('strategy')?.value, 'sma-cross');
    assert.equal(byField.get('parameters.fast')?.value, 1);
    assert.equal(byField.get('parameters.slow')?.value, 15);
    assert.equal(byField.get('finalValue')?.value, 10284.1);
    assert.equal(byField.get('finalValue')?.numFmt, '#,##0.00');
    assert.equal(byField.get('totalReturn')?.value, s.totalReturn);
    assert.equal(byField.get('totalReturn')?.numFmt, '0.00%');
    assert.equal(byField.get('maxDrawdownPct')?.value, s.maxDrawdownPct / 100);
    assert.equal(byField.get('sharpe')?.value, s.sharpe);
    assert.equal(byField.get('tradeCount')?.value, 11);
    assert.equal(micros(byField.get('startTime')?.value as Date), s.startTime);
  });
});

test('a sheet with more rows than Excel holds is refused, naming the sheet', () => {
  const workbook = new ExcelJS.Workbook();
  assert.throws(
    () => addTableSheet(workbook, 'Fills', [{ header: 'a', width: 4 }], [], MAX_SHEET_ROWS + 1),
    (error: unknown) => error instanceof BourseError && /sheet 'Fills': 1048576 rows/.test(error.message),
  );
});
