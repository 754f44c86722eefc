/**
 * `bourse options`: prices a CSV of options (`price`) or implies their volatility (`iv`) with the
 * model registry of src/analytics/options/models.ts. Input: a header row (case-insensitive names, in
 * any order, extra columns passed through) and one option per row:
 *   type (call/put/c/p), style (european/american, default european), spot, strike, rate,
 *   dividend (default 0), vol (price only), time (years), price (iv only).
 * Output: the input rows with `price,delta,gamma,vega,theta,rho` (or `iv`) appended, 10 significant
 * digits, to stdout or --output. A malformed row is a DataError naming file, line and column (exit 2);
 * a price with no implied volatility gets an empty `iv` and a warning on stderr (exit 0).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { NoImpliedVolatilityError } from '../analytics/options/implied-volatility.js';
import {
  defaultModel,
  impliedVolatilityOf,
  isModelName,
  MODEL_NAMES,
  MODELS,
  type ModelName,
  type OptionContract,
  priceWithGreeks,
} from '../analytics/options/models.js';
import type { ExerciseStyle, OptionType } from '../analytics/options/types.js';
import { BourseError, DataError } from '../core/errors.js';
import { LineFields, splitLines } from '../data/csv/index.js';

interface OptionsFlags {
  input: string;
  model?: string;
  output?: string;
}

/** A parsed input file: its header, raw cells and 1-based line numbers. */
interface CsvTable {
  readonly header: string[];
  readonly headerLine: number;
  readonly rows: { readonly line: number; readonly cells: string[] }[];
}

const GREEK_COLUMNS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const;

export function addOptionsCommand(program: Command): void {
  const options = program
    .command('options')
    .description('price options and imply volatilities from a CSV (one option per row)');
  options
    .command('price')
    .description('append price,delta,gamma,vega,theta,rho (vega/rho per 1.00, theta per year)')
    .requiredOption('--input <file>', 'CSV: type,style,spot,strike,rate,dividend,vol,time')
    .option('--model <model>', `pricing model: ${MODEL_NAMES.join(', ')} (default bsm european, fd american)`)
    .option('--output <file>', 'write the CSV here instead of stdout')
    .action((flags: OptionsFlags) => runPrice(flags));
  options
    .command('iv')
    .description('append the implied volatility `iv` of each row’s `price`')
    .requiredOption('--input <file>', 'CSV: type,style,spot,strike,rate,dividend,time,price')
    .option(
      '--model <model>',
      `model to invert: ${MODEL_NAMES.join(', ')} (default bsm european, fd american)`,
    )
    .option('--output <file>', 'write the CSV here instead of stdout')
    .action((flags: OptionsFlags) => runImpliedVolatility(flags));
  options
    .command('models')
    .description('list the pricing models')
    .action(() => {
      for (const name of MODEL_NAMES) {
        const model = MODELS[name];
        process.stdout.write(`${name.padEnd(10)}${model.styles.join('+').padEnd(18)}${model.description}\n`);
      }
    });
}

function modelFlag(flags: OptionsFlags): ModelName | undefined {
  if (flags.model === undefined) return undefined;
  if (!isModelName(flags.model)) {
    throw new BourseError(
      'CLI_INVALID',
      `--model: unknown model '${flags.model}' (known: ${MODEL_NAMES.join(', ')})`,
    );
  }
  return flags.model;
}

function runPrice(flags: OptionsFlags): void {
  const model = modelFlag(flags);
  const table = readCsv(flags.input);
  const lines = table.rows.map(({ line, cells }) => {
    const contract = readContract(table, flags.input, line, cells, true);
    const greeks = atLine(flags.input, line, () =>
      priceWithGreeks(contract, model ?? defaultModel(contract.style)),
    );
    return [...cells, ...GREEK_COLUMNS.map((column) => formatNumber(greeks[column]))];
  });
  writeCsv(flags, [...table.header, ...GREEK_COLUMNS], lines);
}

function runImpliedVolatility(flags: OptionsFlags): void {
  const model = modelFlag(flags);
  const table = readCsv(flags.input);
  const lines = table.rows.map(({ line, cells }) => {
    const contract = readContract(table, flags.input, line, cells, false);
    const price = readNumber(table, flags.input, line, cells, 'price');
    try {
      const iv = impliedVolatilityOf(contract, price, model ?? defaultModel(contract.style));
      return [...cells, formatNumber(iv)];
    } catch (error) {
      if (!(error instanceof NoImpliedVolatilityError))
        return atLine(flags.input, line, () => {
          throw error;
        });
      process.stderr.write(
        `warning: ${flags.input}:${line}: no implied volatility (${error.reason}): ${error.message}\n`,
      );
      return [...cells, ''];
    }
  });
  writeCsv(flags, [...table.header, 'iv'], lines);
}

/** Runs `compute`, turning an input RangeError into a DataError naming the file and line. */
function atLine<T>(file: string, line: number, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw new DataError(error.message, { file, line });
    throw error;
  }
}

function readCsv(file: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BourseError('FILE_NOT_FOUND', `${file}: cannot read (${(error as Error).message})`);
  }
  const lines = splitLines(text);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new DataError('empty file, expected a header row', { file });
  const header = csvCells(lines[headerIndex], file, headerIndex + 1).map((name) => name.trim());
  const rows: CsvTable['rows'] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = csvCells(lines[i], file, i + 1);
    if (cells.length !== header.length) {
      throw new DataError(`expected ${header.length} columns as in the header, got ${cells.length}`, {
        file,
        line: i + 1,
      });
    }
    rows.push({ line: i + 1, cells });
  }
  if (rows.length === 0) throw new DataError('no option rows after the header', { file });
  return { header, headerLine: headerIndex + 1, rows };
}

/** The cells of one CSV line (double-quoted cells as RFC 4180); a broken quote names file and line. */
function csvCells(line: string, file: string, lineNumber: number): string[] {
  const fields = new LineFields();
  if (!fields.set(line)) throw new DataError('a quoted cell is not closed', { file, line: lineNumber });
  return fields.toArray();
}

function columnIndex(table: CsvTable, file: string, name: string, required: boolean): number {
  const index = table.header.findIndex((h) => h.toLowerCase() === name);
  if (index < 0 && required) {
    throw new DataError(`missing column '${name}' in the header (have: ${table.header.join(', ')})`, {
      file,
      line: table.headerLine,
    });
  }
  return index;
}

function cellOf(
  table: CsvTable,
  file: string,
  cells: string[],
  name: string,
  required: boolean,
): string | undefined {
  const index = columnIndex(table, file, name, required);
  return index < 0 ? undefined : cells[index].trim();
}

function readNumber(
  table: CsvTable,
  file: string,
  line: number,
  cells: string[],
  name: string,
  fallback?: number,
): number {
  const text = cellOf(table, file, cells, name, fallback === undefined);
  if (text === undefined || (text === '' && fallback !== undefined)) return fallback as number;
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    throw new DataError('expected a finite number', { file, line, field: name, value: text });
  }
  return value;
}

const TYPES: Record<string, OptionType> = { call: 'call', c: 'call', put: 'put', p: 'put' };
const STYLES: Record<string, ExerciseStyle> = {
  european: 'european',
  e: 'european',
  american: 'american',
  a: 'american',
};

function readContract(
  table: CsvTable,
  file: string,
  line: number,
  cells: string[],
  withVol: boolean,
): OptionContract {
  const typeText = cellOf(table, file, cells, 'type', true) ?? '';
  const type = TYPES[typeText.toLowerCase()];
  if (type === undefined)
    throw new DataError('expected call, put, c or p', { file, line, field: 'type', value: typeText });
  const styleText = cellOf(table, file, cells, 'style', false) ?? '';
  const style = styleText === '' ? 'european' : STYLES[styleText.toLowerCase()];
  if (style === undefined) {
    throw new DataError('expected european or american', { file, line, field: 'style', value: styleText });
  }
  const number = (name: string, fallback?: number) => readNumber(table, file, line, cells, name, fallback);
  return {
    type,
    style,
    spot: number('spot'),
    strike: number('strike'),
    rate: number('rate'),
    dividend: number('dividend', 0),
    vol: withVol ? number('vol') : Number.NaN,
    time: number('time'),
  };
}

/** Up to 10 significant digits, without trailing zeros. */
function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(10))) : '';
}

function writeCsv(flags: OptionsFlags, header: string[], rows: string[][]): void {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const text = `${[header, ...rows].map((row) => row.map(quote).join(',')).join('\n')}\n`;
  if (flags.output === undefined) process.stdout.write(text);
  else writeFileSync(flags.output, text);
}
