/** Recognising a file's layout from its header, and resolving explicit column mappings. */
import { DataError } from '../../core/errors.js';
import type { ColumnMapping, CsvImportOptions, CsvLayout } from './types.js';

/** How a layout stamps its rows in time. */
export type StampKind = 'date' | 'date-time' | 'datetime';

/** Where each field of a bar sits in a row (column indices, -1 when absent). */
export interface LayoutSpec {
  layout: CsvLayout;
  /** Header names as found in the file (trimmed), used in error messages. */
  names: string[];
  stamp: StampKind;
  /** Date column (`date`, `date-time`) or date-time column (`datetime`). */
  dateColumn: number;
  timeColumn: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  openInterest: number;
  adjClose: number;
  root: number;
  contractMonth: number;
  /** What the time stamps when the caller does not say (`undefined`: the caller must say). */
  defaultTimestamp: 'start' | 'end' | undefined;
}

const BACKTRADER = ['date', 'open', 'high', 'low', 'close', 'volume', 'openinterest'];
/** Compared with spaces and underscores removed: `Adj Close`, `adj_close` and `adjclose` all match. */
const YAHOO = ['date', 'open', 'high', 'low', 'close', 'adjclose', 'volume'];
const DATE_TIME = ['date', 'time', 'open', 'high', 'low', 'close', 'volume'];
const DATE_TIME_OI = [...DATE_TIME, 'openinterest'];
const LEAN_FUTURES = ['bar_start_utc', 'root', 'contract_month', 'open', 'high', 'low', 'close', 'volume'];

/** Human description of the layouts recognised from the header, for error messages. */
export const KNOWN_LAYOUTS =
  "backtrader 'Date,Open,High,Low,Close,Volume,OpenInterest[,extra…]'; " +
  "yahoo 'Date,Open,High,Low,Close,Adj Close,Volume' (or adjclose, adj_close); " +
  "date-time 'Date,Time,Open,High,Low,Close,Volume[,OpenInterest]'; " +
  "lean-futures 'bar_start_utc,root,contract_month,open,high,low,close,volume'; " +
  'anything else needs the `columns` option';

export function normaliseName(name: string): string {
  return name.trim().toLowerCase();
}

/** The layout of a header (already split into fields), or a DataError naming what was found. */
export function detectLayout(header: string[], file: string, options: CsvImportOptions): LayoutSpec {
  const names = header.map((name) => name.trim());
  const keys = names.map((name) => name.toLowerCase());
  const headerText = names.join(',');
  if (options.columns) return mappedLayout(names, keys, options.columns, file, headerText);
  if (startsWith(keys, BACKTRADER)) {
    return spec(names, 'backtrader', 'date', {
      dateColumn: 0,
      open: 1,
      high: 2,
      low: 3,
      close: 4,
      volume: 5,
      openInterest: 6,
      defaultTimestamp: 'end',
    });
  }
  if (
    equals(
      keys.map((key) => key.replace(/[\s_]/g, '')),
      YAHOO,
    )
  ) {
    return spec(names, 'yahoo', 'date', {
      dateColumn: 0,
      open: 1,
      high: 2,
      low: 3,
      close: 4,
      adjClose: 5,
      volume: 6,
      defaultTimestamp: 'end',
    });
  }
  if (equals(keys, DATE_TIME) || equals(keys, DATE_TIME_OI)) {
    return spec(names, 'date-time', 'date-time', {
      dateColumn: 0,
      timeColumn: 1,
      open: 2,
      high: 3,
      low: 4,
      close: 5,
      volume: 6,
      openInterest: keys.length === 8 ? 7 : -1,
      defaultTimestamp: 'end',
    });
  }
  if (equals(keys, LEAN_FUTURES)) {
    return spec(names, 'lean-futures', 'datetime', {
      dateColumn: 0,
      root: 1,
      contractMonth: 2,
      open: 3,
      high: 4,
      low: 5,
      close: 6,
      volume: 7,
      defaultTimestamp: 'start',
    });
  }
  throw new DataError(`unknown header; known layouts: ${KNOWN_LAYOUTS}`, {
    file,
    line: 1,
    field: 'header',
    value: headerText,
  });
}

function mappedLayout(
  names: string[],
  keys: string[],
  columns: ColumnMapping,
  file: string,
  headerText: string,
): LayoutSpec {
  const find = (option: keyof ColumnMapping, required: boolean): number => {
    const wanted = columns[option];
    if (wanted === undefined || wanted === '') {
      if (required) throw optionError(`columns.${option} is required`, file, option);
      return -1;
    }
    const key = normaliseName(wanted);
    const index = keys.indexOf(key);
    if (index === -1) {
      throw new DataError(`column '${wanted}' (columns.${option}) is not in the header`, {
        file,
        line: 1,
        field: 'header',
        value: headerText,
      });
    }
    if (keys.indexOf(key, index + 1) !== -1) {
      throw new DataError(`column '${wanted}' (columns.${option}) appears more than once in the header`, {
        file,
        line: 1,
        field: 'header',
        value: headerText,
      });
    }
    return index;
  };
  const hasDatetime = columns.datetime !== undefined && columns.datetime !== '';
  const hasDate = columns.date !== undefined && columns.date !== '';
  const hasTime = columns.time !== undefined && columns.time !== '';
  if (hasDatetime === hasDate) {
    throw optionError(
      'columns needs exactly one of `datetime` or `date` (with optional `time`)',
      file,
      'datetime',
    );
  }
  if (hasTime && !hasDate) throw optionError('columns.time needs columns.date', file, 'time');
  const stamp: StampKind = hasDatetime ? 'datetime' : hasTime ? 'date-time' : 'date';
  return spec(names, 'mapped', stamp, {
    dateColumn: hasDatetime ? find('datetime', true) : find('date', true),
    timeColumn: hasTime ? find('time', true) : -1,
    open: find('open', true),
    high: find('high', true),
    low: find('low', true),
    close: find('close', true),
    volume: find('volume', false),
    openInterest: find('openInterest', false),
    defaultTimestamp: stamp === 'date' ? 'end' : undefined,
  });
}

function optionError(message: string, file: string, option: string): DataError {
  return new DataError(message, { file, field: `columns.${option}` });
}

type SpecFields = Partial<Omit<LayoutSpec, 'layout' | 'names' | 'stamp'>> &
  Pick<LayoutSpec, 'dateColumn' | 'open' | 'high' | 'low' | 'close' | 'defaultTimestamp'>;

function spec(names: string[], layout: CsvLayout, stamp: StampKind, fields: SpecFields): LayoutSpec {
  return {
    layout,
    names,
    stamp,
    timeColumn: -1,
    volume: -1,
    openInterest: -1,
    adjClose: -1,
    root: -1,
    contractMonth: -1,
    ...fields,
  };
}

function startsWith(keys: string[], prefix: string[]): boolean {
  return keys.length >= prefix.length && prefix.every((name, i) => keys[i] === name);
}

function equals(keys: string[], expected: string[]): boolean {
  return keys.length === expected.length && startsWith(keys, expected);
}
